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
    const production = { ...base, NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://cadence.example.org' };
    expect(loadConfig({ ...production, JWT_SECRET: 'x'.repeat(32) }).auth.cookieSecure).toBe(true);
  });

  it('requires the public origin in production and defaults it to the local addresses elsewhere', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(
      /PUBLIC_ORIGIN is required/,
    );
    expect(loadConfig({ ...base, PORT: '3100' }).http.publicOrigins).toContain('http://localhost:3100');
    expect(
      loadConfig({ ...base, PUBLIC_ORIGIN: 'https://a.example, https://b.example:8443' }).http.publicOrigins,
    ).toEqual(['https://a.example', 'https://b.example:8443']);
  });

  it("keys patients' follow-up links from FOLLOW_UP_LINK_SECRET, else from JWT_SECRET under its own label", () => {
    const jwt = { ...base, JWT_SECRET: 'j'.repeat(32) };
    const derived = loadConfig(jwt).followUp.linkKey;
    expect(derived).toHaveLength(32);
    expect(loadConfig(jwt).followUp.linkKey.equals(derived)).toBe(true);
    expect(derived.equals(Buffer.from(jwt.JWT_SECRET))).toBe(false);
    const own = loadConfig({ ...jwt, FOLLOW_UP_LINK_SECRET: 'l'.repeat(32) }).followUp.linkKey;
    expect(own.equals(derived)).toBe(false);
    expect(() => loadConfig({ ...base, FOLLOW_UP_LINK_SECRET: 'short' })).toThrow(
      /FOLLOW_UP_LINK_SECRET must be at least 32/,
    );
  });

  it('links to the first public origin, lasting FOLLOW_UP_LINK_TTL_DAYS (7) days', () => {
    const config = loadConfig({ ...base, PUBLIC_ORIGIN: 'https://a.example, https://b.example' });
    expect(config.followUp).toMatchObject({ linkOrigin: 'https://a.example', linkTtlDays: 7 });
    expect(loadConfig({ ...base, FOLLOW_UP_LINK_TTL_DAYS: '3' }).followUp.linkTtlDays).toBe(3);
    expect(() => loadConfig({ ...base, FOLLOW_UP_LINK_TTL_DAYS: '0' })).toThrow(/FOLLOW_UP_LINK_TTL_DAYS/);
    expect(() => loadConfig({ ...base, FOLLOW_UP_LINK_TTL_DAYS: 'week' })).toThrow(/FOLLOW_UP_LINK_TTL_DAYS/);
  });

  it('names a public origin that is not an origin', () => {
    for (const bad of [
      'https://cadence.example.org/',
      'https://cadence.example.org/app',
      'cadence.example.org',
      'ftp://x',
    ]) {
      expect(() => loadConfig({ ...base, PUBLIC_ORIGIN: bad })).toThrow(/PUBLIC_ORIGIN entry .* must be an origin/);
    }
  });

  it('trusts no proxy unless told, and accepts addresses, CIDR ranges and named ranges', () => {
    expect(loadConfig(base).http.trustedProxies).toEqual([]);
    expect(
      loadConfig({ ...base, TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7,fd00::/8 , loopback' }).http.trustedProxies,
    ).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
  });

  it('names a malformed proxy entry', () => {
    for (const bad of ['*', 'true', '10.0.0.0/33', '10.0.0/8', 'proxy.local', '::1/129', '10.0.0.1/8/2']) {
      expect(() => loadConfig({ ...base, TRUSTED_PROXIES: bad })).toThrow(
        /TRUSTED_PROXIES entry .* must be an IP address/,
      );
    }
  });
});
