import { Inject, Injectable } from '@nestjs/common';
import { ROLES, type Role } from '@cadence/domain';
import jwt from 'jsonwebtoken';
import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import type { Actor } from './current-user';

export const ACCESS_COOKIE = 'cadence_access';
export const REFRESH_COOKIE = 'cadence_refresh';

interface AccessClaims {
  sub: string;
  clinic: string;
  email: string;
  roles: Role[];
}

/** Short-lived signed access tokens, and opaque refresh tokens stored only as hashes. */
@Injectable()
export class TokenService {
  /** A key object made once: given a string, jsonwebtoken re-derives a key on every call. */
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  signAccess(actor: Actor): string {
    const claims: AccessClaims = { sub: actor.id, clinic: actor.clinicId, email: actor.email, roles: actor.roles };
    return jwt.sign(claims, this.key, { expiresIn: this.config.auth.accessTokenTtlSeconds, algorithm: 'HS256' });
  }

  /** The actor named by a valid, unexpired access token; undefined for anything else. */
  verifyAccess(token: string): Actor | undefined {
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as AccessClaims;
      if (!Array.isArray(claims.roles) || !claims.roles.every((r) => (ROLES as readonly string[]).includes(r)))
        return undefined;
      return { id: claims.sub, clinicId: claims.clinic, email: claims.email, roles: claims.roles };
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
