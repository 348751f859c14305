import { loggerParams, requestIdOf } from './logging';
import type { IncomingMessage } from 'node:http';

describe('request logs', () => {
  const http = loggerParams('info').pinoHttp as {
    serializers: { req: (req: object) => object; res: (res: object) => object };
    redact: { paths: string[]; remove: boolean };
  };

  it('keep the path but drop the query string, which can hold a patient name', () => {
    const logged = http.serializers.req({
      id: 'r1',
      method: 'GET',
      url: '/api/patients?q=Lovelace&dateOfBirth=1980-04-02',
      headers: { cookie: 'x' },
    });
    expect(logged).toEqual({ id: 'r1', method: 'GET', path: '/api/patients' });
    expect(JSON.stringify(logged)).not.toMatch(/Lovelace|1980|cookie/);
  });

  it('keep only the status of a response', () => {
    expect(http.serializers.res({ statusCode: 200, headers: { 'set-cookie': 'secret' } })).toEqual({ statusCode: 200 });
    expect(http.redact).toEqual({ paths: ['req.headers', 'res.headers'], remove: true });
  });
});

describe('requestIdOf', () => {
  const req = (id?: string) =>
    ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as unknown as IncomingMessage;
  it('accepts a well-formed caller id and mints one otherwise', () => {
    expect(requestIdOf(req('abc-12345'))).toBe('abc-12345');
    expect(requestIdOf(req('short'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(req('bad id with spaces and more'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(req())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
