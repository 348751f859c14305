import { ConfigError, loadConfig } from './app.config';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/cadence' };

  it('applies defaults', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.auth.accessTokenTtlSeconds).toBe(600);
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.auth.cookieSecure).toBe(false);
  });

  it('names a missing DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL is required/);
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/postgresql:\/\//);
  });

  it('takes the migration owner role from DATABASE_OWNER_URL, when given', () => {
    expect(loadConfig(base).databaseOwnerUrl).toBeUndefined();
    const owner = 'postgresql://cadence_owner@127.0.0.1:5432/cadence';
    expect(loadConfig({ ...base, DATABASE_OWNER_URL: owner }).databaseOwnerUrl).toBe(owner);
    expect(() => loadConfig({ ...base, DATABASE_OWNER_URL: 'owner' })).toThrow(
      /DATABASE_OWNER_URL must be a postgresql/,
    );
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).auth.cookieSecure).toBe(true);
  });
});
