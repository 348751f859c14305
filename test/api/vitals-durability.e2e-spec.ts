// Every entry the API acknowledged is there after the API process is killed (SIGKILL) in the middle
// of a session, with writes in flight, and started again; an entry whose answer was lost is retried
// with its id and stored once.
import { randomUUID } from 'node:crypto';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { startTestApp, TestContext, TestUser } from '../support/context';

const TABLETS = 8;

interface Entry {
  kind: 'vitals' | 'adverse-events';
  id: string;
  body: object;
}

describe('durability of acknowledged entries', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse } = await ctx.users());
  }, 120_000);
  afterAll(async () => {
    await api?.kill();
    await ctx.close();
  });

  const env = () => ({ DATABASE_URL: ctx.config.databaseUrl, JWT_SECRET: ctx.config.auth.jwtSecret });
  const send = (base: string, sessionId: string, entry: Entry) =>
    fetch(`${base}/api/sessions/${sessionId}/${entry.kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: nurse.cookie },
      body: JSON.stringify(entry.body),
    });
  let n = 0;
  const nextEntry = (): Entry => {
    const id = randomUUID();
    const at = new Date(Date.now() - 60_000).toISOString();
    // One entry in five is an adverse event; the rest are readings, some crossing a limit (drafts too).
    if (++n % 5 === 0)
      return {
        kind: 'adverse-events',
        id,
        body: { id, term: 'nausea', grade: 1, onsetAt: at, actions: ['NONE'], outcome: 'RESOLVED', serious: false },
      };
    return { kind: 'vitals', id, body: { id, takenAt: at, systolic: 120 + (n % 80), diastolic: 80, heartRate: 70 } };
  };

  it('keeps every acknowledged reading and adverse event across a kill -9 and restart', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    api = await startApiProcess(env());
    const port = Number(new URL(api.url).port);
    const acknowledged: Entry[] = [];
    const unanswered: Entry[] = [];
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killing: Promise<void> | undefined;

    const tablet = async (base: string) => {
      for (;;) {
        const entry = nextEntry();
        inFlight++;
        try {
          const res = await send(base, sessionId, entry);
          if (res.status !== 201) throw new Error(`${entry.kind} answered ${res.status}: ${await res.text()}`);
          acknowledged.push(entry);
        } catch (error) {
          if (!killing) throw error;
          unanswered.push(entry); // the connection died with the process: not acknowledged
          return;
        } finally {
          inFlight--;
        }
        if (acknowledged.length >= 150 && !killing) {
          inFlightAtKill = inFlight;
          killing = api!.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: TABLETS }, () => tablet(api!.url)));
    await killing;
    expect(inFlightAtKill).toBeGreaterThan(0);

    api = await startApiProcess(env(), port);
    const readings = acknowledged.filter((e) => e.kind === 'vitals').map((e) => e.id);
    const events = acknowledged.filter((e) => e.kind === 'adverse-events').map((e) => e.id);
    expect(await ctx.prisma.vitalsReading.count({ where: { id: { in: readings } } })).toBe(readings.length);
    expect(await ctx.prisma.adverseEvent.count({ where: { id: { in: events } } })).toBe(events.length);
    const sheet = await fetch(`${api.url}/api/sessions/${sessionId}/flowsheet`, { headers: { cookie: nurse.cookie } });
    const shown = new Set(((await sheet.json()) as { readings: { id: string }[] }).readings.map((r) => r.id));
    expect(readings.filter((id) => !shown.has(id))).toEqual([]);

    // The tablets retry what got no answer: stored now (201) or already stored (200), never twice.
    const retried = await Promise.all(unanswered.map((entry) => send(api!.url, sessionId, entry)));
    expect(retried.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
    const all = [...acknowledged, ...unanswered];
    expect(await ctx.prisma.vitalsReading.count({ where: { sessionId } })).toBe(
      all.filter((e) => e.kind === 'vitals').length,
    );
    expect(await ctx.prisma.adverseEvent.count({ where: { sessionId, readingId: null } })).toBe(
      all.filter((e) => e.kind === 'adverse-events').length,
    );
  }, 180_000);
});
