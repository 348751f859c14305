import { clientRequestIdOf, learnRouteWords, loggablePath, requestIdOf, requestLogEntry } from './logging';
import type { IncomingMessage } from 'node:http';

describe('request logs', () => {
  beforeAll(() =>
    learnRouteWords({
      addHook: (_name, hook) =>
        ['/api/patients', '/api/patients/:id', '/api/patients/:id/appointments.ics'].forEach((url) => hook({ url })),
    }),
  );

  const raw = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;

  it('keep the path but drop the query string, which can hold a patient name', () => {
    const { entry } = requestLogEntry(
      {
        id: 'r1',
        method: 'GET',
        url: '/api/patients?q=Lovelace&dateOfBirth=1980-04-02',
        raw: raw({ cookie: 'x', authorization: 'Bearer y' }),
      },
      200,
      3.4,
    );
    expect(entry).toEqual({
      req: { id: 'r1', method: 'GET', path: '/api/patients' },
      res: { statusCode: 200 },
      responseTime: 3,
    });
    expect(JSON.stringify(entry)).not.toMatch(/Lovelace|1980|cookie|Bearer/);
  });

  it('mask every path segment that is neither a route word nor a record id', () => {
    const id = '4a0f5a4e-2a4c-4d55-9c1e-0b7e6f1d2c3b';
    expect(loggablePath(`/api/patients/${id}/appointments.ics`)).toBe(`/api/patients/${id}/appointments.ics`);
    expect(loggablePath('/api/patients/MRN-1234?x=1')).toBe('/api/patients/:value');
    expect(loggablePath('/api/lovelace/patients')).toBe('/api/:value/patients');
  });

  it('name the actor by id and log 4xx as warnings and 5xx as errors', () => {
    const request = { id: 'r2', method: 'POST', url: '/api/patients', raw: raw(), actor: { id: 'u1' } };
    expect(requestLogEntry(request, 201, 1).level).toBe('info');
    expect(requestLogEntry(request, 409, 1)).toMatchObject({
      level: 'warn',
      entry: { actorId: 'u1', res: { statusCode: 409 } },
    });
    expect(requestLogEntry(request, 500, 1).level).toBe('error');
  });
});

describe('request ids', () => {
  const req = (id?: string) =>
    ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as unknown as IncomingMessage;

  it('are minted on the server whatever the caller sends, once per request', () => {
    const forged = req('forged-audit-id-123');
    const id = requestIdOf(forged);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(forged)).toBe(id);
    expect(requestIdOf(req())).not.toBe(id);
  });

  it('keep a well-formed caller id as a separate log field only', () => {
    expect(clientRequestIdOf(req('abc-12345'))).toEqual({ clientRequestId: 'abc-12345' });
    expect(clientRequestIdOf(req('short'))).toEqual({});
    expect(clientRequestIdOf(req('bad id with spaces and more'))).toEqual({});
    expect(clientRequestIdOf(req())).toEqual({});
  });
});
