import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../common/config/app.config';
import type { RequestMeta } from '../../common/auth/current-user';
import { hashRefreshToken, TokenService } from '../../common/auth/tokens';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import { AuthRepository } from './auth.repository';
import type { SessionUserDto } from './dto/auth.dto';
import { hashPassword, verifyPassword } from './password';

export interface IssuedSession {
  user: SessionUserDto;
  accessToken: string;
  refreshToken: string;
}

/** Verified against when the email is unknown, so a miss costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    private readonly auth: AuthRepository,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(rawEmail: string, password: string, meta: RequestMeta): Promise<IssuedSession> {
    const email = rawEmail.trim().toLowerCase();
    const { loginMaxFailures, loginWindowMinutes } = this.config.auth;
    const since = new Date(Date.now() - loginWindowMinutes * 60_000);
    const failures = await this.auth.recentFailures(email, meta.ip, since);
    // An address gets more room than one account: a shared front-desk computer serves many staff.
    if (failures.byEmail >= loginMaxFailures || failures.byIp >= loginMaxFailures * 4) {
      const oldest = await this.auth.oldestFailureSince(email, since);
      const retryAfterSeconds = oldest
        ? Math.max(1, Math.ceil((oldest.at.getTime() + loginWindowMinutes * 60_000 - Date.now()) / 1000))
        : loginWindowMinutes * 60;
      throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many failed sign-in attempts. Try again later.', [], {
        retryAfterSeconds,
      });
    }

    const user = await this.auth.findUserByEmail(email);
    const valid = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await (decoyHash ??= hashPassword('decoy-password-never-used')), password).then(
          () => false,
        );
    if (!user || !valid || !user.active) {
      await this.auth.recordFailure(email, meta.ip);
      throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not correct.');
    }

    const refresh = this.tokens.newRefreshToken();
    await this.auth.startSession(
      user.id,
      email,
      meta.ip,
      refresh.hash,
      this.refreshExpiry(),
      auditEntry(user, meta, { action: 'LOGIN', entity: 'Session' }),
    );
    const sessionUser = toSessionUser(user);
    return { user: sessionUser, accessToken: this.tokens.signAccess(sessionUser), refreshToken: refresh.token };
  }

  /** Trades a live refresh token for a new pair; the old refresh token stops working. */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    const oldHash = refreshToken ? hashRefreshToken(refreshToken) : undefined;
    const session = oldHash ? await this.auth.findLiveSession(oldHash, new Date()) : null;
    if (!oldHash || !session || !session.user.active) {
      throw new DomainError('UNAUTHENTICATED', 'The session has ended; sign in again.');
    }
    const next = this.tokens.newRefreshToken();
    if (!(await this.auth.rotate(session.id, oldHash, next.hash))) {
      throw new DomainError('UNAUTHENTICATED', 'The session has ended; sign in again.');
    }
    const user = toSessionUser(session.user);
    return { user, accessToken: this.tokens.signAccess(user), refreshToken: next.token };
  }

  async logout(refreshToken: string | undefined, meta: RequestMeta) {
    if (!refreshToken) return;
    await this.auth.revoke(hashRefreshToken(refreshToken), (userId) =>
      auditEntry({ id: userId }, meta, { action: 'LOGOUT', entity: 'Session' }),
    );
  }

  async me(userId: string): Promise<SessionUserDto> {
    const user = await this.auth.findUser(userId);
    if (!user || !user.active) throw new DomainError('UNAUTHENTICATED', 'The account is no longer active.');
    return toSessionUser(user);
  }

  private refreshExpiry() {
    return new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000);
  }
}

function toSessionUser(user: SessionUserDto): SessionUserDto {
  return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, clinicId: user.clinicId };
}
