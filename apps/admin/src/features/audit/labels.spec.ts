import { auditFieldLabel, describeAuditAction } from '@cadence/domain';
import { accessLine, accessWhen, AUDIT_ACTION_OPTIONS, csvHref, rolesLabel } from './labels';

describe('audit labels', () => {
  it('offers every action in words', () => {
    expect(AUDIT_ACTION_OPTIONS).toContainEqual({ value: 'READ', label: 'Read' });
    expect(AUDIT_ACTION_OPTIONS).toContainEqual({ value: 'NO_SHOW', label: 'Marked as not attended' });
    expect(AUDIT_ACTION_OPTIONS.every((o) => !/[A-Z]{2}|_/.test(o.label))).toBe(true);
  });

  it('shows roles, actions and fields as the clinic says them', () => {
    expect(rolesLabel(['NURSE', 'CLINICIAN'])).toBe('Nurse, Clinician');
    expect(rolesLabel([])).toBe('');
    expect(describeAuditAction({ action: 'READ', entity: 'Patient', fields: [] })).toBe('Read the patient record');
    expect(describeAuditAction({ action: 'UPDATE', entity: 'Screening', fields: ['signedById', 'status'] })).toBe(
      'Signed a screening',
    );
    expect(['dayOnlyItems', 'signedById'].map(auditFieldLabel)).toEqual([
      'Answers valid for the day only',
      'Signed by',
    ]);
  });

  it('counts repeated reads and gives their span on the clinic clock', () => {
    const group = { summary: 'Read the patient record', count: 7 };
    expect(accessLine(group)).toBe('Read the patient record ×7');
    expect(accessLine({ ...group, count: 1 })).toBe('Read the patient record');
    const zone = 'America/Chicago';
    expect(accessWhen({ firstAt: '2026-12-03T20:02:00.000Z', lastAt: '2026-12-03T20:09:59.000Z' }, zone)).toBe(
      '3 Dec 2026, 14:02–14:09',
    );
    expect(accessWhen({ firstAt: '2026-12-03T20:02:01.000Z', lastAt: '2026-12-03T20:02:40.000Z' }, zone)).toBe(
      '3 Dec 2026, 14:02:01–14:02:40',
    );
    expect(accessWhen({ firstAt: '2026-12-03T20:02:00.000Z', lastAt: '2026-12-03T20:02:00.000Z' }, zone)).toBe(
      '3 Dec 2026, 14:02',
    );
    // Past midnight on the clinic's calendar (not UTC's): both ends with their day.
    expect(accessWhen({ firstAt: '2026-12-04T05:55:00.000Z', lastAt: '2026-12-04T06:04:00.000Z' }, zone)).toBe(
      '3 Dec 2026, 23:55 – 4 Dec 2026, 00:04',
    );
  });

  it('exports the filter shown, without its page', () => {
    expect(
      csvHref('/api/audit/csv', { page: 2, pageSize: 50, patient: 'walker ann', action: 'READ', actorId: '' }),
    ).toBe('/api/audit/csv?patient=walker+ann&action=READ');
    expect(csvHref('/api/audit/csv', { page: 1 })).toBe('/api/audit/csv');
  });
});
