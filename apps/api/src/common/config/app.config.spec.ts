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

  it('sends mail only with both SMTP_URL and MAIL_FROM, and names either when malformed', () => {
    expect(loadConfig(base).mail).toEqual({ maxAttempts: 5, retrySeconds: 60, pollSeconds: 15 });
    const mail = { SMTP_URL: 'smtp://user:secret@mail.example.org:587', MAIL_FROM: 'Clinic <clinic@example.org>' };
    expect(loadConfig({ ...base, ...mail }).mail).toMatchObject({
      smtpUrl: mail.SMTP_URL,
      from: mail.MAIL_FROM,
    });
    expect(loadConfig({ ...base, ...mail, MAIL_FROM: 'clinic@example.org' }).mail.from).toBe('clinic@example.org');
    expect(() => loadConfig({ ...base, SMTP_URL: mail.SMTP_URL })).toThrow(/MAIL_FROM is required when SMTP_URL/);
    expect(() => loadConfig({ ...base, ...mail, SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must be/);
    expect(() => loadConfig({ ...base, ...mail, MAIL_FROM: 'the clinic' })).toThrow(/MAIL_FROM must be an address/);
    expect(() => loadConfig({ ...base, MAIL_MAX_ATTEMPTS: '0' })).toThrow(/MAIL_MAX_ATTEMPTS/);
  });

  it('runs the background jobs at DAILY_JOB_AT, checking every JOB_CHECK_MINUTES, but not under test unless told', () => {
    expect(loadConfig(base).jobs).toEqual({ enabled: true, dailyAt: '06:00', checkMinutes: 5 });
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).jobs.enabled).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'test', JOBS_ENABLED: 'true' }).jobs.enabled).toBe(true);
    expect(loadConfig({ ...base, JOBS_ENABLED: 'false' }).jobs.enabled).toBe(false);
    expect(loadConfig({ ...base, DAILY_JOB_AT: '23:30', JOB_CHECK_MINUTES: '1' }).jobs).toMatchObject({
      dailyAt: '23:30',
      checkMinutes: 1,
    });
    expect(() => loadConfig({ ...base, DAILY_JOB_AT: '24:00' })).toThrow(/DAILY_JOB_AT must be a time of day/);
    expect(() => loadConfig({ ...base, DAILY_JOB_AT: '6:00' })).toThrow(/DAILY_JOB_AT/);
  });
});
