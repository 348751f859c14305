// No patient data in the logs: patient bodies carrying recognisable markers go through every
// bad-input case while the app's log lines are captured, and no marker may appear in any line.
// Database errors, whose messages quote the query's arguments, are logged by class and code only.
import { Prisma } from '@prisma/client';
import { Writable } from 'node:stream';
import { summarizeError } from '../../apps/api/src/common/errors/error-log';
import { Case, fieldCases, LONG } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const PHI = {
  mrn: 'PHIMRN7731',
  givenName: 'Phimarkgiven',
  familyName: 'Phimarkfamily',
  dateOfBirth: '1947-03-19',
  phone: '+44 7700 900461',
  email: 'phimark.email@example.org',
  escortName: 'Phimarkescort',
};
const MARKERS = [
  'PHIMRN7731',
  'Phimarkgiven',
  'Phimarkfamily',
  '1947-03-19',
  '7700 900461',
  'phimark.email',
  'Phimarkescort',
];
const markersIn = (text: string) => MARKERS.filter((marker) => text.toLowerCase().includes(marker.toLowerCase()));

const patient = { ...PHI, sex: 'FEMALE' as const };
const diagnosis = { icd10Code: 'M79.7', description: 'Fibromyalgia', painMechanism: 'NOCIPLASTIC', isPrimary: true };

/** Every shape of bad input the suites know, each carrying the full set of markers. */
function patientCases(): Case[] {
  const withPhi = (extra: Record<string, unknown>) => ({ ...patient, ...extra });
  return [
    ...fieldCases(patient, ['mrn', 'givenName', 'familyName', 'phone', 'email', 'escortName'], {
      optional: ['phone', 'email', 'escortName'],
      dates: ['dateOfBirth'],
    }),
    { name: 'an array as a diagnosis', body: withPhi({ diagnoses: [[]] }) },
    { name: 'a wrapped diagnosis', body: withPhi({ diagnoses: [[diagnosis]] }) },
    { name: 'a null diagnosis', body: withPhi({ diagnoses: [null] }) },
    { name: 'a number as a diagnosis', body: withPhi({ diagnoses: [7] }) },
    { name: 'a diagnosis object', body: withPhi({ diagnoses: diagnosis }) },
    { name: 'a bad ICD-10 code', body: withPhi({ diagnoses: [{ ...diagnosis, icd10Code: PHI.mrn }] }) },
    { name: 'two primaries', body: withPhi({ diagnoses: [diagnosis, diagnosis] }) },
    { name: 'a NUL in the family name', body: withPhi({ familyName: `${PHI.familyName}\u0000` }) },
    { name: 'a lone surrogate in the given name', body: `${JSON.stringify(patient).slice(0, -1)},"x":"\\ud800"}` },
    { name: 'a NUL in a field name', body: withPhi({ [`${PHI.givenName}\u0000`]: PHI.phone }) },
    { name: 'the markers as unknown field names', body: withPhi({ [PHI.mrn]: PHI.email }) },
    {
      name: 'deep JSON',
      body: JSON.stringify(withPhi({ diagnoses: ['X'] })).replace('"X"', '['.repeat(40) + ']'.repeat(40)),
    },
    { name: 'malformed JSON', body: `${JSON.stringify(patient)}, "${PHI.mrn}` },
    { name: 'an oversized body', body: withPhi({ escortPhone: LONG.repeat(30) }) },
    { name: 'a weight as text', body: withPhi({ weightKg: PHI.phone }) },
    { name: 'a prototype key', body: `${JSON.stringify(patient).slice(0, -1)},"__proto__":{"x":"${PHI.mrn}"}}` },
  ];
}

describe('no patient data in the logs', () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  let ctx: TestContext;
  let scheduler: TestUser;
  let patientId: string;

  beforeAll(async () => {
    ctx = await startTestApp({ LOG_LEVEL: 'trace' }, { logStream: capture });
    ({ SCHEDULER: scheduler } = await ctx.users());
    patientId = (await ctx.newPatient({ mrn: 'LOGS-1' })).id;
  });
  afterAll(() => ctx.close());

  /** Sends a body and expects no 5xx; a partial update with the markers may well succeed. */
  const send = async (method: 'post' | 'patch', path: string, body: unknown, cookie?: string) => {
    let req = ctx.http()[method](path).set('Content-Type', 'application/json');
    if (cookie) req = req.set('Cookie', cookie);
    const res = await req.send(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
    expect(res.status).toBeLessThan(500);
    return res;
  };

  it('logs no marker for any bad patient body, create or update', async () => {
    const before = lines.length;
    const cases = patientCases();
    for (const c of cases) {
      expect((await send('post', '/api/patients', c.body, scheduler.cookie)).status).toBeGreaterThanOrEqual(400);
      const update =
        typeof c.body === 'object' && c.body !== null && !Array.isArray(c.body) ? { ...c.body, version: 1 } : c.body;
      await send('patch', `/api/patients/${patientId}`, update, scheduler.cookie);
    }
    // Query strings and paths carry PHI too (a search by name, an MRN in the wrong place).
    const search = await ctx
      .http()
      .get(`/api/patients?q=${encodeURIComponent(PHI.familyName)}%00&dateOfBirth=${PHI.dateOfBirth}`)
      .set('Cookie', scheduler.cookie);
    expect(search.status).toBe(400);
    await ctx.http().get(`/api/patients/${PHI.mrn}`).set('Cookie', scheduler.cookie).expect(400);
    const logged = lines.slice(before);
    // The capture works: each refused request left its request-completed line.
    expect(logged.filter((line) => /"statusCode":4\d\d/.test(line)).length).toBeGreaterThanOrEqual(cases.length);
    expect(logged.flatMap(markersIn)).toEqual([]);
  });

  it('logs no marker when a login is refused, whatever the email', async () => {
    const before = lines.length;
    for (const email of [PHI.email, `${PHI.email}\u0000`, { $gt: PHI.email }, [PHI.email]])
      await send('post', '/api/auth/login', { email, password: PHI.phone });
    await send('post', '/api/auth/login', `{"email":"${PHI.email}\\ud800","password":"${PHI.mrn}"}`);
    expect(lines.length).toBeGreaterThan(before);
    expect(lines.slice(before).flatMap(markersIn)).toEqual([]);
  });

  it('logs only the class and code of a database error whose message quotes the patient', async () => {
    const errors: unknown[] = [];
    const row = {
      ...patient,
      mrn: `${PHI.mrn}-DB`,
      clinicId: ctx.clinicId,
      dateOfBirth: new Date(`${PHI.dateOfBirth}T00:00:00Z`),
    };
    // A duplicate MRN (PostgreSQL's detail quotes the key) and a malformed nested create (Prisma's
    // message renders the whole query) — the two shapes a repository can raise.
    await ctx.prisma.patient.create({ data: row });
    await ctx.prisma.patient.create({ data: row }).catch((error: unknown) => errors.push(error));
    await ctx.prisma.patient
      .create({
        data: { ...row, mrn: `${PHI.mrn}-DB2`, diagnoses: { create: [[]] as never } },
      })
      .catch((error: unknown) => errors.push(error));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(errors[1]).toBeInstanceOf(Prisma.PrismaClientValidationError);
    // The raw errors do carry the markers: this is what the log must not print.
    expect(markersIn(`${(errors[1] as Error).message}`).length).toBeGreaterThan(0);
    const summaries = errors.map((error) => summarizeError(error));
    expect(summaries[0]).toMatchObject({ errorClass: 'PrismaClientKnownRequestError', code: 'P2002' });
    expect(summaries[1]).toMatchObject({ errorClass: 'PrismaClientValidationError' });
    expect(markersIn(JSON.stringify(summaries))).toEqual([]);
  });
});
