import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app.config';

export const ACCESS_COOKIE = 'cadence_access';
export const REFRESH_COOKIE = 'cadence_refresh';

/** Who the token was issued to and the session it belongs to; roles are read from the live session. */
interface AccessClaims {
  sub: string;
  sid: string;
}

export interface AccessToken {
  userId: string;
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Access tokens verified lately, each with its expiry; about one per signed-in device. */
const VERIFIED_MAX = 10_000;

/** Short-lived signed access tokens tied to a session, and opaque refresh tokens stored only as hashes. */
@Injectable()
export class TokenService {
  /** A key object made once: given a string, jsonwebtoken re-derives a key on every call. */
  private readonly key: KeyObject;
  /**
   * A token is an immutable string: once its signature is verified, checking it again on every
   * request only repeats the HMAC. Kept until it expires; whether its session is still live is
   * checked on every request regardless.
   */
  private readonly verified = new Map<string, AccessToken & { expiresAtMs: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  signAccess(userId: string, sessionId: string): string {
    const claims: AccessClaims = { sub: userId, sid: sessionId };
    return jwt.sign(claims, this.key, { expiresIn: this.config.auth.accessTokenTtlSeconds, algorithm: 'HS256' });
  }

  /** The user and session named by a valid, unexpired access token; undefined for anything else. */
  verifyAccess(token: string): AccessToken | undefined {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return { userId: known.userId, sessionId: known.sessionId };
    if (known) this.verified.delete(token);
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as Partial<AccessClaims & { exp: number }>;
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return undefined;
      if (typeof claims.sid !== 'string' || !UUID.test(claims.sid)) return undefined;
      if (typeof claims.exp !== 'number') return undefined;
      if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { userId: claims.sub, sessionId: claims.sid, expiresAtMs: claims.exp * 1000 });
      return { userId: claims.sub, sessionId: claims.sid };
    } catch {
      return undefined;
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The access token a request carries: the httpOnly cookie (the admin app) or a Bearer header (scripts). */
export function accessTokenOf(request: {
  cookies?: Record<string, string | undefined>;
  headers: { authorization?: string };
}): string | undefined {
  const header = request.headers.authorization;
  return request.cookies?.[ACCESS_COOKIE] ?? (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
}
