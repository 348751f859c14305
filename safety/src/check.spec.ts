import { checkHazardLog, databaseObjectsIn, type CheckInputs } from './check';
import { parseHazardLog, riskRating, type HazardLog } from './hazard-log';
import { testNamesIn } from './test-index';

const inputs = (): CheckInputs => ({
  rules: [
    { id: 'plan.NURSE_CAPACITY', safetyRelevant: true },
    { id: 'plan.INVALID_INSTANT', safetyRelevant: false },
  ],
  tests: new Map([['test/api/booking.e2e-spec.ts', new Set(['booking › refuses a double booking'])]]),
  databaseObjects: new Set(['Appointment_no_chair_overlap']),
});

const log = (): HazardLog => ({
  hazards: [
    {
      id: 'HAZ-1',
      title: 'Too many infusions for the nurses',
      cause: 'c',
      effect: 'e',
      initial: { severity: 'Major', likelihood: 'Medium' },
      residual: { severity: 'Major', likelihood: 'Very low' },
      justification: 'j',
      controls: [
        {
          kind: 'domain-rule',
          ref: 'plan.NURSE_CAPACITY',
          description: 'd',
          verifiedBy: [{ file: 'test/api/booking.e2e-spec.ts', test: 'booking › refuses a double booking' }],
        },
        {
          kind: 'database',
          ref: 'Appointment_no_chair_overlap',
          description: 'd',
          verifiedBy: [{ file: 'test/api/booking.e2e-spec.ts', test: 'booking › refuses a double booking' }],
        },
      ],
    },
  ],
  anticipated: [],
});

describe('the hazard log check', () => {
  it('passes a log whose every reference resolves', () => {
    expect(checkHazardLog(log(), inputs())).toEqual([]);
  });

  it('fails on a test that does not exist, naming the hazard, file and test', () => {
    const broken = log();
    broken.hazards[0].controls[0].verifiedBy = [
      { file: 'test/api/booking.e2e-spec.ts', test: 'booking › renamed test' },
    ];
    expect(checkHazardLog(broken, inputs())).toEqual([
      "HAZ-1 control 1: test/api/booking.e2e-spec.ts has no test named 'booking › renamed test'",
    ]);
  });

  it('fails on a test file that does not exist', () => {
    const broken = log();
    broken.hazards[0].controls[1].verifiedBy = [{ file: 'test/api/gone.e2e-spec.ts', test: 'x' }];
    expect(checkHazardLog(broken, inputs())).toEqual(['HAZ-1 control 2: no test file test/api/gone.e2e-spec.ts']);
  });

  it('fails on a domain rule id that does not exist, and then reports the safety rule as unnamed', () => {
    const broken = log();
    broken.hazards[0].controls[0].ref = 'plan.NURSE_RATIO';
    expect(checkHazardLog(broken, inputs())).toEqual([
      "HAZ-1 control 1: no domain rule has the id 'plan.NURSE_RATIO'",
      "domain rule 'plan.NURSE_CAPACITY' is safety-relevant but no hazard names it as a control",
    ]);
  });

  it('fails on a database object no migration creates', () => {
    const broken = log();
    broken.hazards[0].controls[1].ref = 'Appointment_no_overlap';
    expect(checkHazardLog(broken, inputs())).toEqual([
      "HAZ-1 control 2: no migration creates 'Appointment_no_overlap'",
    ]);
  });

  it('fails on a control with no test and a hazard with no control', () => {
    const broken = log();
    broken.hazards[0].controls[0].verifiedBy = [];
    broken.hazards.push({ ...broken.hazards[0], id: 'HAZ-2', controls: [] });
    expect(checkHazardLog(broken, inputs())).toEqual([
      'HAZ-1 control 1: names no test that verifies it',
      'HAZ-2: has no control',
    ]);
  });

  it('fails when a safety-relevant rule is named by no hazard, but not for other rules', () => {
    const broken = log();
    broken.hazards[0].controls.shift();
    expect(checkHazardLog(broken, inputs())).toEqual([
      "domain rule 'plan.NURSE_CAPACITY' is safety-relevant but no hazard names it as a control",
    ]);
  });

  it('fails on an id used twice', () => {
    const broken = log();
    broken.anticipated.push({ id: 'HAZ-1', title: 't', module: 'infusion', plannedControls: 'p' });
    expect(checkHazardLog(broken, inputs())).toEqual(['HAZ-1: the id is used twice']);
  });
});

describe('reading the log', () => {
  it('names the path of a field that does not fit', () => {
    expect(() => parseHazardLog('hazards:\n  - id: H\n    title: t\n')).toThrow(
      'hazards[0].cause must be a non-empty string',
    );
    expect(() =>
      parseHazardLog(
        'hazards:\n  - {id: H, title: t, cause: c, effect: e, justification: j, controls: [], initial: {severity: Huge, likelihood: Low}, residual: {severity: Minor, likelihood: Low}}\n',
      ),
    ).toThrow('hazards[0].initial.severity must be one of Minor, Significant, Considerable, Major, Catastrophic');
  });

  it('rates risk on the DCB0129 matrix at its corners and centre', () => {
    expect(riskRating('Minor', 'Very low')).toBe(1);
    expect(riskRating('Catastrophic', 'Very high')).toBe(5);
    expect(riskRating('Considerable', 'Medium')).toBe(3);
    expect(riskRating('Catastrophic', 'Very low')).toBe(3);
    expect(riskRating('Minor', 'Very high')).toBe(3);
  });
});

describe('finding tests and database objects', () => {
  it('names tests as Jest does, table tests by their title, and leaves out skipped ones and non-literal titles', () => {
    const names = testNamesIn(`
      describe('booking', () => {
        it('books', () => {});
        it.skip('skipped', () => {});
        test.each([1])('each %s', () => {});
        describe(\`nested\`, () => { test('refuses', async () => {}); });
        it(\`with \${1}\`, () => {});
      });
      xdescribe('off', () => { it('hidden', () => {}); });
    `);
    expect([...names]).toEqual(['booking › books', 'booking › each %s', 'booking › nested › refuses']);
  });

  it('reads constraint, index, trigger and function names from migration SQL', () => {
    const names = databaseObjectsIn(`
      CREATE UNIQUE INDEX "Patient_clinicId_mrn_key" ON "Patient"("clinicId", "mrn");
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$ $$;
      CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent";
      ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_no_chair_overlap" EXCLUDE USING gist (x WITH =);
    `);
    expect([...names].sort()).toEqual(
      [
        'AuditEvent_no_truncate',
        'Appointment_no_chair_overlap',
        'Patient_clinicId_mrn_key',
        'audit_event_is_append_only',
      ].sort(),
    );
  });
});
