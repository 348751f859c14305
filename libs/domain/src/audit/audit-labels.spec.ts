import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_LABELS,
  auditFieldLabel,
  describeAuditAction,
  hasAuditFieldLabel,
} from './audit-labels';

describe('describeAuditAction', () => {
  it('says what was read, made and changed', () => {
    expect(describeAuditAction({ action: 'READ', entity: 'Patient', fields: [] })).toBe('Read the patient record');
    expect(describeAuditAction({ action: 'CREATE', entity: 'Screening', fields: ['templateId'] })).toBe(
      'Created a screening',
    );
    expect(describeAuditAction({ action: 'UPDATE', entity: 'Patient', fields: ['weightKg'] })).toBe(
      'Changed the patient record',
    );
    expect(describeAuditAction({ action: 'BOOK', entity: 'Course', fields: [] })).toBe('Booked a treatment course');
    expect(describeAuditAction({ action: 'SEARCH', entity: 'Patient', fields: ['q'] })).toBe(
      'Searched the patient list',
    );
    expect(describeAuditAction({ action: 'EXPORT', entity: 'AuditEvent', fields: ['patient'] })).toBe(
      'Exported the audit log',
    );
  });

  it('names a screening decision and a session signature by what the change did', () => {
    const screening = (fields: string[]) => describeAuditAction({ action: 'UPDATE', entity: 'Screening', fields });
    expect(screening(['signedAt', 'signedById', 'status'])).toBe('Signed a screening');
    expect(screening(['overrideReason', 'signedAt', 'signedById', 'status'])).toBe(
      'Signed a screening with an override',
    );
    expect(screening(['declineReason', 'status'])).toBe('Declined a screening');
    expect(screening(['status', 'submittedAt', 'submittedById'])).toBe('Submitted a screening for review');
    expect(screening(['answers.weight_kg'])).toBe('Changed the screening');
    const session = (fields: string[]) => describeAuditAction({ action: 'UPDATE', entity: 'InfusionSession', fields });
    expect(session(['nurseSignedById', 'nurseSignedAt'])).toBe('Signed the infusion session');
    expect(session(['clinicianSignedById', 'clinicianSignedAt'])).toBe('Co-signed the infusion session');
  });

  it('has a phrase for every action', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z][a-z ]+$/);
      expect(describeAuditAction({ action, entity: 'Patient', fields: [] })).not.toContain(action);
    }
  });
});

describe('auditFieldLabel', () => {
  it('names columns, answers and unknown fields in words', () => {
    expect(auditFieldLabel('dayOnlyItems')).toBe('Answers valid for the day only');
    expect(auditFieldLabel('signedById')).toBe('Signed by');
    expect(auditFieldLabel('answers.takes_maoi')).toBe('Answer: takes maoi');
    expect(hasAuditFieldLabel('answers.takes_maoi')).toBe(true);
    expect(auditFieldLabel('someNewField')).toBe('Some new field');
    expect(hasAuditFieldLabel('someNewField')).toBe(false);
  });
});
