import { hkdfSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The environment Cadence reads at start; anything malformed stops the process with its name. */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgresql:// connection URL' })
  DATABASE_URL!: string;

  /** The role that owns the schema: runs the migrations at start. Requests use DATABASE_URL's role. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_OWNER_URL must be a postgresql:// connection URL' })
  DATABASE_OWNER_URL?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  /** Signs access tokens. Several API instances behind one database must share it. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 600;

  /** A refresh session lasts one clinic shift by default. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 12 * 3600;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_MINUTES = 15;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : value === 'true' || value === '1'))
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The origin(s) users open the admin app at (`https://cadence.example.org`), comma-separated:
   * cookie-authenticated writes from any other origin are refused. Required in production.
   */
  @IsOptional()
  @IsString()
  PUBLIC_ORIGIN?: string;

  /**
   * Addresses or CIDR ranges (comma-separated) of the reverse proxies in front of the API, whose
   * X-Forwarded-For is believed. Empty: trust none, the caller's address is the socket's.
   */
  @IsOptional()
  @IsString()
  TRUSTED_PROXIES?: string;

  /**
   * Signs the patients' follow-up links (HMAC-SHA256). Without it the key is derived from
   * JWT_SECRET (HKDF, its own label), so instances sharing JWT_SECRET share it too.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'FOLLOW_UP_LINK_SECRET must be at least 32 characters' })
  FOLLOW_UP_LINK_SECRET?: string;

  /** A patient's link lasts this many days, or until the follow-up's window closes if that is sooner. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'FOLLOW_UP_LINK_TTL_DAYS must be a whole number of days' })
  @Min(1)
  @Max(60)
  FOLLOW_UP_LINK_TTL_DAYS = 7;

  /** A FHIR bulk export's files are removed this many hours after it completes. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'FHIR_EXPORT_TTL_HOURS must be a whole number of hours' })
  @Min(1)
  @Max(720)
  FHIR_EXPORT_TTL_HOURS = 24;

  /** Requests one address may make to the public link routes per PATIENT_LINK_WINDOW_MINUTES. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  PATIENT_LINK_MAX_REQUESTS = 30;

  /** Requests with a link that is not valid one address may make per window before it is refused. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  PATIENT_LINK_MAX_REFUSED = 10;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  PATIENT_LINK_WINDOW_MINUTES = 15;

  /** Folder of the built admin app to serve at `/`; empty to serve the API only. */
  @IsOptional()
  @IsString()
  ADMIN_DIST?: string;

  /**
   * The mail server patient emails go through (`smtp://user:pass@host:587`, `smtps://…:465`).
   * Without it queued messages are listed in the outbox for staff to send by hand.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/]+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL with a host' })
  SMTP_URL?: string;

  /** The sender of patient emails: `clinic@example.org` or `Clinic name <clinic@example.org>`. */
  @IsOptional()
  @Matches(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM must be an address (clinic@example.org or "Clinic <clinic@example.org>")',
  })
  MAIL_FROM?: string;

  /** Attempts at one email before it is FAILED and listed for staff. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_MAX_ATTEMPTS = 5;

  /** Wait before the first retry; each later retry waits twice as long as the one before. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86_400)
  MAIL_RETRY_SECONDS = 60;

  /** How often each instance looks for queued messages to deliver. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_POLL_SECONDS = 15;

  /** The clinic-local time (HH:MM) from which each clinic day's daily job runs. */
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'DAILY_JOB_AT must be a time of day HH:MM (00:00–23:59)' })
  DAILY_JOB_AT = '06:00';

  /** How often each instance checks whether a clinic day's daily job is due (also at start). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(60)
  JOB_CHECK_MINUTES = 5;

  /** Whether this instance runs the background work (daily job, mail delivery). Off by default under NODE_ENV=test. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : value === 'true' || value === '1'))
  @IsBoolean()
  JOBS_ENABLED?: boolean;
}

export interface AppConfig {
  env: Environment['NODE_ENV'];
  databaseUrl: string;
  /** Absent when one role does both (the start-up warns). */
  databaseOwnerUrl?: string;
  port: number;
  host: string;
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxFailures: number;
    loginWindowMinutes: number;
    cookieSecure: boolean;
  };
  http: {
    /** Origins whose cookie-authenticated writes are accepted (scheme://host[:port]). */
    publicOrigins: string[];
    /** Proxy addresses and CIDR ranges for Fastify's trustProxy; empty trusts no forwarding header. */
    trustedProxies: string[];
  };
  followUp: {
    /** The HMAC key of patients' links. */
    linkKey: Buffer;
    linkTtlDays: number;
    /** Where patients open their link: the first PUBLIC_ORIGIN. */
    linkOrigin: string;
    /** Throttling of the public link routes per caller address. */
    linkMaxRequests: number;
    linkMaxRefused: number;
    linkWindowMinutes: number;
  };
  logLevel: string;
  adminDist?: string;
  mail: {
    /** Absent: no mail server, messages are sent by hand. */
    smtpUrl?: string;
    from?: string;
    maxAttempts: number;
    retrySeconds: number;
    pollSeconds: number;
  };
  fhir: {
    /** Hours a bulk export's NDJSON files are kept after it completes. */
    exportTtlHours: number;
  };
  jobs: {
    /** Whether this instance runs the daily job's scheduler and the mail delivery worker. */
    enabled: boolean;
    /** Clinic-local HH:MM from which a clinic day's run is due. */
    dailyAt: string;
    checkMinutes: number;
  };
}

export class ConfigError extends Error {}

/** Validates `env` into typed config, or throws a ConfigError whose message names each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = plainToInstance(Environment, stripEmpty(env), { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) =>
      e.value === undefined && e.property === 'DATABASE_URL'
        ? 'DATABASE_URL is required (or start with `npm start`, which runs an embedded PostgreSQL)'
        : Object.values(e.constraints ?? {}).join('; '),
    );
    throw new ConfigError(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  const problems: string[] = [];
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET)
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (parsed.NODE_ENV === 'production' && !parsed.PUBLIC_ORIGIN) {
    problems.push('PUBLIC_ORIGIN is required when NODE_ENV=production (the https:// address users open Cadence at)');
  }
  const publicOrigins = parsed.PUBLIC_ORIGIN ? parseOrigins(parsed.PUBLIC_ORIGIN, problems) : localOrigins(parsed.PORT);
  const trustedProxies = parsed.TRUSTED_PROXIES ? parseProxies(parsed.TRUSTED_PROXIES, problems) : [];
  if (parsed.SMTP_URL && !parsed.MAIL_FROM)
    problems.push('MAIL_FROM is required when SMTP_URL is set (the address patient emails come from)');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const jwtSecret = parsed.JWT_SECRET ?? randomSecret();
  return {
    env: parsed.NODE_ENV,
    databaseUrl: parsed.DATABASE_URL,
    databaseOwnerUrl: parsed.DATABASE_OWNER_URL,
    port: parsed.PORT,
    host: parsed.HOST,
    auth: {
      // Without a configured secret a single instance signs with a random one: access tokens then
      // end with the process, and the browser silently renews them from its refresh session.
      jwtSecret,
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
      loginMaxFailures: parsed.LOGIN_MAX_FAILURES,
      loginWindowMinutes: parsed.LOGIN_WINDOW_MINUTES,
      cookieSecure: parsed.COOKIE_SECURE ?? parsed.NODE_ENV === 'production',
    },
    http: { publicOrigins, trustedProxies },
    followUp: {
      linkKey: parsed.FOLLOW_UP_LINK_SECRET
        ? Buffer.from(parsed.FOLLOW_UP_LINK_SECRET, 'utf8')
        : Buffer.from(hkdfSync('sha256', jwtSecret, '', 'cadence follow-up link key', 32)),
      linkTtlDays: parsed.FOLLOW_UP_LINK_TTL_DAYS,
      linkOrigin: publicOrigins[0],
      linkMaxRequests: parsed.PATIENT_LINK_MAX_REQUESTS,
      linkMaxRefused: parsed.PATIENT_LINK_MAX_REFUSED,
      linkWindowMinutes: parsed.PATIENT_LINK_WINDOW_MINUTES,
    },
    logLevel: parsed.LOG_LEVEL,
    adminDist: parsed.ADMIN_DIST,
    mail: {
      smtpUrl: parsed.SMTP_URL,
      from: parsed.MAIL_FROM,
      maxAttempts: parsed.MAIL_MAX_ATTEMPTS,
      retrySeconds: parsed.MAIL_RETRY_SECONDS,
      pollSeconds: parsed.MAIL_POLL_SECONDS,
    },
    fhir: { exportTtlHours: parsed.FHIR_EXPORT_TTL_HOURS },
    jobs: {
      // The API tests drive the jobs themselves; a timer of their own would write behind their backs.
      enabled: parsed.JOBS_ENABLED ?? parsed.NODE_ENV !== 'test',
      dailyAt: parsed.DAILY_JOB_AT,
      checkMinutes: parsed.JOB_CHECK_MINUTES,
    },
  };
}

function stripEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

/** Local runs: the API serving the built app, and Vite's dev and preview servers that proxy to it. */
function localOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, 'http://localhost:4200', 'http://localhost:4300'];
}

function parseOrigins(value: string, problems: string[]): string[] {
  return list(value).flatMap((entry) => {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    // An origin is exactly scheme://host[:port]: a path or trailing slash would never match a browser's Origin.
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== entry) {
      problems.push(`PUBLIC_ORIGIN entry "${entry}" must be an origin such as https://cadence.example.org (no path)`);
      return [];
    }
    return [entry];
  });
}

/** Named ranges that proxy-addr (Fastify's trustProxy) understands, besides addresses and CIDRs. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function parseProxies(value: string, problems: string[]): string[] {
  return list(value).flatMap((entry) => {
    if (PROXY_RANGES.includes(entry) || isIP(entry) !== 0) return [entry];
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const max = family === 4 ? 32 : 128;
    if (family !== 0 && extra === undefined && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= max) return [entry];
    problems.push(
      `TRUSTED_PROXIES entry "${entry}" must be an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_RANGES.join(', ')}`,
    );
    return [];
  });
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function randomSecret() {
  return randomBytes(48).toString('base64url');
}

export const APP_CONFIG = Symbol('APP_CONFIG');
