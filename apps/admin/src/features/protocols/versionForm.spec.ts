import { findProtocol, protocolProblems } from '@cadence/domain';
import type { ProtocolRecord } from './api/protocols.api';
import { toPublishBody, toVersionValues, versionErrorPath, versionFields } from './versionForm';

const five = findProtocol('IV_FIVE_DAY_LOW_DOSE')!;
const record: ProtocolRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  key: five.key,
  version: five.version,
  name: five.name,
  route: five.route,
  setting: five.setting,
  definition: five,
  active: true,
  publishedAt: '2026-12-01T09:00:00.000Z',
};

describe('a new protocol version from the current one', () => {
  it('publishes the current record unchanged when nothing was edited, a valid protocol', () => {
    const body = toPublishBody(record, toVersionValues(five));
    expect(body).toMatchObject({ key: five.key, name: five.name, route: five.route, setting: five.setting });
    expect(body.definition).not.toHaveProperty('version');
    expect(protocolProblems({ ...body.definition, version: 2 })).toEqual([]);
  });

  it('sends typed numbers as numbers and an unreadable entry as typed, for the validator to name', () => {
    const values = toVersionValues(five);
    values.caps.perCourseMg = '400';
    values.followUpOffsetsDays = '7, 30 ,90';
    values.minutesPerSession = 'abc';
    values.vitalsIntervalMinutes = '';
    const definition = toPublishBody(record, values).definition as Record<string, unknown>;
    expect(definition.caps).toMatchObject({ perCourseMg: 400 });
    expect(definition.followUpOffsetsDays).toEqual([7, 30, 90]);
    expect(definition.minutesPerSession).toBe('abc');
    expect(definition.vitalsIntervalMinutes).toBeNull();
  });

  it("puts each of the domain's problems beside the field it concerns", () => {
    expect(versionErrorPath('definition.caps.perSessionMg')).toBe('caps.perSessionMg');
    expect(versionErrorPath('definition.doseRangeMgPerKgPerHour')).toBe('doseRangeMgPerKgPerHour.max');
    expect(versionErrorPath('definition.followUpOffsetsDays[2]')).toBe('followUpOffsetsDays');
    expect(versionErrorPath('definition.pattern.sessions')).toBe('pattern.sessions');
    expect(versionErrorPath('name')).toBe('name');
    const fields = versionFields(toVersionValues(five));
    expect(fields.has('pattern.sessions')).toBe(true);
    expect(fields.has('doseRangeMgPerKgPerHour.max')).toBe(true);
    expect(fields.has('doseRangeMgPerKgPerDose.max')).toBe(false);
  });
});
