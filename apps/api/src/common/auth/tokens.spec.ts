import type { AppConfig } from '../config/app.config';
import { TokenService } from './tokens';

const USER = '4a0f5a4e-2a4c-4d55-9c1e-0b7e6f1d2c3b';
const SESSION = '0b7e6f1d-2c3b-4d55-9c1e-4a0f5a4e2a4c';
const config = (ttl: number) =>
  ({ auth: { jwtSecret: 'unit-test-secret-unit-test-secret!!', accessTokenTtlSeconds: ttl } }) as AppConfig;

describe('access tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('verify again from memory, and never past their expiry', () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    const tokens = new TokenService(config(600));
    const token = tokens.signAccess(USER, SESSION);
    expect(tokens.verifyAccess(token)).toEqual({ userId: USER, sessionId: SESSION });
    expect(tokens.verifyAccess(token)).toEqual({ userId: USER, sessionId: SESSION });
    jest.setSystemTime(new Date('2026-12-02T10:09:59Z'));
    expect(tokens.verifyAccess(token)).toEqual({ userId: USER, sessionId: SESSION });
    jest.setSystemTime(new Date('2026-12-02T10:10:00Z'));
    expect(tokens.verifyAccess(token)).toBeUndefined();
  });

  it('refuse a token signed with another key or altered, before and after a good one is known', () => {
    const tokens = new TokenService(config(600));
    const token = tokens.signAccess(USER, SESSION);
    const other = new TokenService({
      auth: { jwtSecret: 'another-secret-another-secret-another', accessTokenTtlSeconds: 600 },
    } as AppConfig).signAccess(USER, SESSION);
    expect(tokens.verifyAccess(other)).toBeUndefined();
    expect(tokens.verifyAccess(token)).toBeDefined();
    expect(tokens.verifyAccess(`${token.slice(0, -2)}xx`)).toBeUndefined();
  });
});
