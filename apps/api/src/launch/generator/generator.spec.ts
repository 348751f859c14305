import {
  courseRelief,
  DEFAULT_RELIEF_SETTINGS,
  kaplanMeier,
  medianSurvival,
  PROTOCOL_CATALOGUE,
  type ReliefObservation,
} from '@cadence/domain';
import { ClinicPlan, type Batch, type ClinicSetup } from './plan';
import { Random } from './random';
import type { ProtocolKey } from './realism';
import { drawRelief, followUpPain } from './relief-model';
import { copyText } from './tables';

const NOW = Date.parse('2026-12-02T14:30:00Z');
const ZONE = 'Europe/London';

function setup(clinicId = '00000000-0000-4000-8000-000000000001'): ClinicSetup {
  const hours = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, { opens: 480, closes: 1080 }]));
  return {
    clinicId,
    timeZone: ZONE,
    chairs: Array.from({ length: 40 }, (_, i) => `chair-${i}`),
    beds: Array.from({ length: 8 }, (_, i) => `bed-${i}`),
    hours: { ...hours, 6: { opens: 540, closes: 780 } },
    concurrentByWeekday: { 1: 40, 2: 40, 3: 40, 4: 40, 5: 40, 6: 8 },
    staff: { nurses: ['n1', 'n2'], clinicians: ['c1'], schedulers: ['s1'] },
    protocols: Object.fromEntries(
      PROTOCOL_CATALOGUE.map((p) => [p.key, { id: `protocol-${p.key}`, definition: p }]),
    ) as ClinicSetup['protocols'],
    templates: { CARDIOVASCULAR: 't-cv', PSYCHIATRIC: 't-psy', GENERAL: 't-gen' },
  };
}

function plan(patients: number, seed: number, clinicId?: string): Batch {
  const p = new ClinicPlan(setup(clinicId), { patients, seed, years: 2, nowMs: NOW, mrnPrefix: 'T-' });
  for (let i = 0; i < patients; i++) p.patient(i);
  return p.take();
}

/** Every completed course's relief as the domain reads it from the planned rows, by protocol and mechanism. */
function reliefObservations(batch: Batch) {
  const protocolOf = new Map(PROTOCOL_CATALOGUE.map((p) => [`protocol-${p.key}`, p.key as ProtocolKey]));
  const mechanismOf = new Map(batch.Diagnosis.filter((d) => d.isPrimary).map((d) => [d.patientId, d.painMechanism]));
  const recordsOf = new Map<
    string,
    { id: string; recordedAtMs: number; painNrs7DayAverage: number; painNrsNow: number }[]
  >();
  for (const r of batch.FollowUpRecord) {
    const list = recordsOf.get(r.followUpId as string) ?? [];
    list.push({
      id: r.id as string,
      recordedAtMs: Date.parse(r.recordedAt as string),
      painNrs7DayAverage: r.painNrs7DayAverage as number,
      painNrsNow: r.painNrsNow as number,
    });
    recordsOf.set(r.followUpId as string, list);
  }
  const followUpsOf = new Map<string, Batch['FollowUp']>();
  for (const f of batch.FollowUp)
    followUpsOf.set(f.courseId as string, [...(followUpsOf.get(f.courseId as string) ?? []), f]);
  const out: { protocol: ProtocolKey; mechanism: string; observation: ReliefObservation }[] = [];
  for (const course of batch.Course) {
    const followUps = followUpsOf.get(course.id as string);
    if (course.status !== 'COMPLETED' || !followUps) continue;
    const first = followUps[0];
    const lastSessionOn = new Date(
      Date.parse(`${first.dueOn as string}T00:00:00Z`) - (first.offsetDays as number) * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    const relief = courseRelief(
      { id: course.id as string, lastSessionOn, baselinePainNrs: course.baselinePainNrs as number, timeZone: ZONE },
      followUps.map((f) => ({
        id: f.id as string,
        offsetDays: f.offsetDays as number,
        closesAtMs: Date.parse(f.closesAt as string),
        records: recordsOf.get(f.id as string) ?? [],
      })),
      [],
      DEFAULT_RELIEF_SETTINGS,
      NOW,
    );
    if (relief.observation)
      out.push({
        protocol: protocolOf.get(course.protocolId as string)!,
        mechanism: mechanismOf.get(course.patientId) as string,
        observation: relief.observation,
      });
  }
  return out;
}

const median = (observations: ReliefObservation[]) => medianSurvival(kaplanMeier(observations)).time;

describe('the generator’s PRNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws version-4 UUIDs', () => {
    const r = new Random(1);
    for (let i = 0; i < 50; i++)
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the relief model', () => {
  it('scores held relief at ≥ 35 % below baseline and lost relief at ≤ 20 %, inside 0–10', () => {
    const r = new Random(5);
    for (let baseline = 1; baseline <= 10; baseline++)
      for (let i = 0; i < 50; i++) {
        const held = followUpPain(baseline, true, r);
        const lost = followUpPain(baseline, false, r);
        expect((baseline - held.sevenDay) / baseline).toBeGreaterThanOrEqual(0.35);
        expect((baseline - lost.sevenDay) / baseline).toBeLessThanOrEqual(0.2);
        for (const s of [held.sevenDay, held.now, lost.sevenDay, lost.now]) expect(s >= 0 && s <= 10).toBe(true);
      }
  });

  it('never gives a protocol more relief than its longest', () => {
    const r = new Random(9);
    for (let i = 0; i < 2000; i++) {
      expect(drawRelief('IV_SINGLE_INFUSION', 'NEUROPATHIC', r).days).toBeLessThanOrEqual(16);
      expect(drawRelief('IV_FIVE_DAY_LOW_DOSE', 'NEUROPATHIC', r).days).toBeLessThanOrEqual(185);
      expect(drawRelief('INTRANASAL_BREAKTHROUGH', 'NOCIPLASTIC', r).days).toBeLessThanOrEqual(3);
    }
  });
});

describe('a planned clinic', () => {
  it('is the same, row for row, for the same seed and clock; its ids differ by clinic', () => {
    const a = plan(150, 11);
    const b = plan(150, 11);
    expect(copyText('FollowUpRecord', b.FollowUpRecord)).toBe(copyText('FollowUpRecord', a.FollowUpRecord));
    expect(copyText('Appointment', b.Appointment)).toBe(copyText('Appointment', a.Appointment));
    const other = plan(150, 11, '00000000-0000-4000-8000-000000000002');
    expect(other.FollowUpRecord.map((r) => r.painNrs7DayAverage)).toEqual(
      a.FollowUpRecord.map((r) => r.painNrs7DayAverage),
    );
    expect(other.Patient[0].id).not.toBe(a.Patient[0].id);
    expect(plan(150, 12).FollowUpRecord.length).not.toBe(a.FollowUpRecord.length);
  });

  it('never books two sessions on one chair at once, nor one patient twice at once', () => {
    const batch = plan(600, 3);
    const live = batch.Appointment.filter((a) => a.status === 'BOOKED' || a.status === 'COMPLETED');
    for (const key of ['chairId', 'patientId'] as const) {
      const by = new Map<string, [number, number][]>();
      for (const a of live) {
        const list = by.get(a[key] as string) ?? [];
        list.push([Date.parse(a.startsAt as string), Date.parse(a.endsAt as string)]);
        by.set(a[key] as string, list);
      }
      for (const list of by.values()) {
        list.sort((x, y) => x[0] - y[0]);
        for (let i = 1; i < list.length; i++) expect(list[i][0]).toBeGreaterThanOrEqual(list[i - 1][1]);
      }
    }
  });

  it('puts the demo’s infusions under way now only while the clinic is open', () => {
    const live = (nowMs: number) => {
      const p = new ClinicPlan(
        { ...setup(), liveChairs: ['live-1', 'live-2'] },
        { patients: 0, seed: 1, years: 2, nowMs, mrnPrefix: 'T-', liveNow: 2 },
      );
      p.liveSessions(0);
      return p.take();
    };
    // Wednesday 2 December 2026: 14:30 in London is open; 21:30 is not.
    const open = live(NOW);
    expect(open.InfusionSession.map((s) => s.state)).toEqual(['INFUSING', 'INFUSING']);
    expect(open.Appointment.map((a) => [a.chairId, a.status])).toEqual([
      ['live-1', 'BOOKED'],
      ['live-2', 'BOOKED'],
    ]);
    expect(live(Date.parse('2026-12-02T21:30:00Z')).InfusionSession).toEqual([]);
  });

  it('gives relief curves whose medians order as the seed article describes, read by the domain', () => {
    const observations = reliefObservations(plan(2500, 2026));
    const of = (protocol: ProtocolKey, mechanisms?: string[]) =>
      observations
        .filter((o) => o.protocol === protocol && (!mechanisms || mechanisms.includes(o.mechanism)))
        .map((o) => o.observation);
    const five = median(of('IV_FIVE_DAY_LOW_DOSE'));
    const multi = median(of('IV_MULTI_DAY_WEEKDAYS'));
    const continuous = median(of('IV_CONTINUOUS_100H'));
    const oral = median(of('ORAL_MAINTENANCE'));
    const single = median(of('IV_SINGLE_INFUSION'));
    const intranasal = median(of('INTRANASAL_BREAKTHROUGH'));
    // Five-day course: months; multi-day and 100-hour: weeks to about three months; oral: weeks;
    // single infusion: days; intranasal: a day at most.
    expect(five).toBeGreaterThan(multi!);
    expect(multi).toBeGreaterThan(oral!);
    expect(continuous).toBeGreaterThan(oral!);
    expect(oral).toBeGreaterThan(single!);
    expect(single).toBeGreaterThan(intranasal!);
    expect(five).toBeGreaterThanOrEqual(56);
    expect(multi).toBeLessThanOrEqual(84);
    expect(single).toBeLessThanOrEqual(14);
    expect(intranasal).toBeLessThanOrEqual(1);
    // Neuropathic and nociplastic pain: longer relief than nociceptive.
    const central = median(of('IV_FIVE_DAY_LOW_DOSE', ['NEUROPATHIC', 'NOCIPLASTIC']));
    const nociceptive = median(of('IV_FIVE_DAY_LOW_DOSE', ['NOCICEPTIVE']));
    expect(central).toBeGreaterThan(nociceptive!);
  });
});
