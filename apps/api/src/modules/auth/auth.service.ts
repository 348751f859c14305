import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../common/config/app.config';
import type { RequestMeta } from '../../common/auth/current-user';
import { hashRefreshToken, TokenService } from '../../common/auth/tokens';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { authErrors } from './auth.errors';
import { AuthRepository } from './auth.repository';
import type { SessionUserDto } from './dto/auth.dto';
import { retryAfterSeconds, throttleLimits } from './login-throttle';
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
    private readonly audit: AuditRepository,
    private readonly tokens: TokenService,
    @Inject(TransactionHost) private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The attempt is counted before its password is checked: under per-account and per-address
   * locks (held only while counting, not while hashing) the count and the reservation commit
   * together, so however many requests arrive at once on however many instances, at most the
   * limit get their password verified.
   */
  async login(rawEmail: string, password: string, meta: RequestMeta): Promise<IssuedSession> {
    const email = rawEmail.trim().toLowerCase();
    const { loginMaxFailures, loginWindowMinutes } = this.config.auth;
    const attempt = await this.transactions.withTransaction(async () => {
      await this.auth.lockLoginScopes(email, meta.ip);
      const failures = await this.auth.recentFailures(email, meta.ip, loginWindowMinutes);
      const wait = retryAfterSeconds(failures, throttleLimits(loginMaxFailures));
      if (wait !== undefined) throw authErrors.tooManyAttempts(wait);
      return this.auth.reserveAttempt(email, meta.ip);
    });

    const user = await this.auth.findUserByEmail(email);
    const valid = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await (decoyHash ??= hashPassword('decoy-password-never-used')), password).then(
          () => false,
        );
    // The reservation stays recorded as the failure.
    if (!user || !valid || !user.active) throw authErrors.invalidCredentials();

    const refresh = this.tokens.newRefreshToken();
    const session = await this.transactions.withTransaction(async () => {
      await this.auth.markSucceeded(attempt.id);
      const created = await this.auth.createSession(user.id, refresh.hash, this.refreshExpiry());
      await this.audit.record(auditEntry(user, meta, { action: 'LOGIN', entity: 'Session', entityId: created.id }));
      return created;
    });
    const sessionUser = toSessionUser(user);
    return {
      user: sessionUser,
      accessToken: this.tokens.signAccess(user.id, session.id),
      refreshToken: refresh.token,
    };
  }

  /**
   * Trades a live refresh token for a new pair; the old refresh token stops working. A token the
   * session has already rotated past was copied (the browser only ever holds the newest), so
   * presenting it ends the whole session, for the thief and the owner alike.
   */
  async refresh(refreshToken: string | undefined, meta: RequestMeta): Promise<IssuedSession> {
    if (!refreshToken) throw authErrors.sessionEnded();
    const oldHash = hashRefreshToken(refreshToken);
    const next = this.tokens.newRefreshToken();
    const outcome = await this.transactions.withTransaction(async () => {
      const session = await this.auth.findLiveSession(oldHash);
      if (session) {
        if (!session.user.active || !(await this.auth.rotate(session.id, oldHash, next.hash))) return undefined;
        return session;
      }
      const reused = await this.auth.sessionOfRetiredToken(oldHash);
      const ownerId = reused ? await this.auth.revoke(reused) : undefined;
      if (ownerId) {
        await this.audit.record(
          auditEntry({ id: ownerId }, meta, {
            action: 'LOGOUT',
            entity: 'Session',
            entityId: reused,
            fields: ['refreshTokenReuse'],
          }),
        );
      }
      return undefined;
    });
    if (!outcome) throw authErrors.sessionEnded();
    return {
      user: toSessionUser(outcome.user),
      accessToken: this.tokens.signAccess(outcome.user.id, outcome.id),
      refreshToken: next.token,
    };
  }

  /** Ends the session named by the refresh cookie, or else by the access token. */
  async logout(refreshToken: string | undefined, accessToken: string | undefined, meta: RequestMeta) {
    await this.transactions.withTransaction(async () => {
      const sessionId = refreshToken
        ? (await this.auth.sessionIdOfRefreshToken(hashRefreshToken(refreshToken)))?.id
        : accessToken
          ? this.tokens.verifyAccess(accessToken)?.sessionId
          : undefined;
      const userId = sessionId ? await this.auth.revoke(sessionId) : undefined;
      if (userId) {
        await this.audit.record(
          auditEntry({ id: userId }, meta, { action: 'LOGOUT', entity: 'Session', entityId: sessionId }),
        );
      }
    });
  }

  async me(userId: string): Promise<SessionUserDto> {
    const user = await this.auth.findUser(userId);
    if (!user || !user.active) throw authErrors.inactive();
    return toSessionUser(user);
  }

  private refreshExpiry() {
    return new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000);
  }
}

function toSessionUser(user: SessionUserDto): SessionUserDto {
  return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, clinicId: user.clinicId };
}
