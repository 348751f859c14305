import { issueCodeOf, operationOutcomeOf } from './operation-outcome';

describe('operationOutcomeOf', () => {
  it('names each invalid field in its own issue, with the field path as the expression', () => {
    const outcome = operationOutcomeOf({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid.',
      correlationId: 'req-1',
      errors: [
        { field: 'entry[1].resource.birthDate', rule: 'isDateOfBirth', message: 'birthDate must be a date' },
        { field: 'entry[2].resource.code', rule: 'required', message: 'code is required' },
      ],
    });
    expect(outcome).toEqual({
      resourceType: 'OperationOutcome',
      id: 'req-1',
      issue: [
        expect.objectContaining({ severity: 'error', code: 'invalid', expression: ['entry[1].resource.birthDate'] }),
        expect.objectContaining({ severity: 'error', code: 'required', expression: ['entry[2].resource.code'] }),
      ],
    });
  });

  it('says an error without fields in one issue; a server error is fatal', () => {
    const outcome = operationOutcomeOf({ status: 500, code: 'INTERNAL', detail: 'Oops', correlationId: 'r' });
    expect(outcome.issue).toEqual([
      expect.objectContaining({ severity: 'fatal', code: 'exception', diagnostics: 'Oops' }),
    ]);
  });

  it.each([
    [400, 'invalid'],
    [401, 'login'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [415, 'not-supported'],
    [422, 'business-rule'],
    [429, 'throttled'],
    [503, 'exception'],
  ])('maps HTTP %i to the issue type %s', (status, code) => {
    expect(issueCodeOf(status)).toBe(code);
  });
});
