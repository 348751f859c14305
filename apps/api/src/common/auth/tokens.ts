import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@cadence/domain';
import { createHash, randomBytes } from 'node:crypto';
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
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(actor: Actor): string {
    const claims: AccessClaims = { sub: actor.id, clinic: actor.clinicId, email: actor.email, roles: actor.roles };
    return this.jwt.sign(claims, {
      secret: this.config.auth.jwtSecret,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      algorithm: 'HS256',
    });
  }

  /** The actor named by a valid, unexpired access token; undefined for anything else. */
  verifyAccess(token: string): Actor | undefined {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { secret: this.config.auth.jwtSecret, algorithms: ['HS256'] });
      if (!Array.isArray(claims.roles) || !claims.roles.every((r) => (ROLES as readonly string[]).includes(r))) return undefined;
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
