import { randomBytes } from 'node:crypto';
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

  /** Folder of the built admin app to serve at `/`; empty to serve the API only. */
  @IsOptional()
  @IsString()
  ADMIN_DIST?: string;
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
  logLevel: string;
  adminDist?: string;
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
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  - JWT_SECRET is required when NODE_ENV=production');
  }
  return {
    env: parsed.NODE_ENV,
    databaseUrl: parsed.DATABASE_URL,
    databaseOwnerUrl: parsed.DATABASE_OWNER_URL,
    port: parsed.PORT,
    host: parsed.HOST,
    auth: {
      // Without a configured secret a single instance signs with a random one: access tokens then
      // end with the process, and the browser silently renews them from its refresh session.
      jwtSecret: parsed.JWT_SECRET ?? randomSecret(),
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
      loginMaxFailures: parsed.LOGIN_MAX_FAILURES,
      loginWindowMinutes: parsed.LOGIN_WINDOW_MINUTES,
      cookieSecure: parsed.COOKIE_SECURE ?? parsed.NODE_ENV === 'production',
    },
    logLevel: parsed.LOG_LEVEL,
    adminDist: parsed.ADMIN_DIST,
  };
}

function stripEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

function randomSecret() {
  return randomBytes(48).toString('base64url');
}

export const APP_CONFIG = Symbol('APP_CONFIG');
