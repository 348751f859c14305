import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { LoginFailures } from './login-throttle';

const sessionUser = { id: true, clinicId: true, email: true, displayName: true, roles: true, active: true } as const;

interface FailureRow {
  pairCount: number;
  pairExpires: number;
  accountCount: number;
  accountExpires: number;
  addressCount: number;
  addressExpires: number;
}

@Injectable()
export class AuthRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  findUserByEmail(email: string) {
    return this.db.user.findUnique({ where: { email }, select: { ...sessionUser, passwordHash: true } });
  }

  findUser(id: string) {
    return this.db.user.findUnique({ where: { id }, select: sessionUser });
  }

  /**
   * Serialises sign-in attempts for this account and for this address until the transaction ends,
   * on every API instance. Always the account first, then the address, so two holders never wait
   * on each other in a cycle.
   */
  async lockLoginScopes(email: string, ip: string) {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login-account:${email}`}))`;
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login-address:${ip}`}))`;
  }

  /**
   * Failed (and reserved) attempts in the last `windowMinutes`, per scope, by the database's clock
   * as it reads now (not the transaction's start: a lock waited for would skew it). For the account
   * at this address, only failures since its last successful sign-in there count: the person who
   * got in after mistyping is not a guesser. The wider scopes keep every failure, so a success
   * from one address does not wipe out guesses made from others.
   */
  async recentFailures(email: string, ip: string, windowMinutes: number): Promise<LoginFailures> {
    const [row] = await this.db.$queryRaw<FailureRow[]>`
      WITH window_start AS (
        SELECT clock_timestamp() - make_interval(mins => ${windowMinutes}::int) AS at
      ), last_success AS (
        SELECT coalesce(max(a.at), '-infinity'::timestamptz) AS at
        FROM "LoginAttempt" a, window_start w
        WHERE a.succeeded AND a.email = ${email} AND a.ip = ${ip} AND a.at > w.at
      ), recent AS (
        SELECT a.email, a.ip, a.at,
               EXTRACT(EPOCH FROM a.at + make_interval(mins => ${windowMinutes}::int) - clock_timestamp())::float8 AS expires
        FROM "LoginAttempt" a, window_start w
        WHERE NOT a.succeeded AND a.at > w.at AND (a.email = ${email} OR a.ip = ${ip})
      )
      SELECT count(*) FILTER (WHERE email = ${email} AND ip = ${ip} AND recent.at > last_success.at)::int AS "pairCount",
             coalesce(min(expires) FILTER (WHERE email = ${email} AND ip = ${ip} AND recent.at > last_success.at), 0)::float8 AS "pairExpires",
             count(*) FILTER (WHERE email = ${email})::int AS "accountCount",
             coalesce(min(expires) FILTER (WHERE email = ${email}), 0)::float8 AS "accountExpires",
             count(*) FILTER (WHERE ip = ${ip})::int AS "addressCount",
             coalesce(min(expires) FILTER (WHERE ip = ${ip}), 0)::float8 AS "addressExpires"
      FROM recent, last_success`;
    return {
      pair: { count: row.pairCount, oldestExpiresInSeconds: row.pairExpires },
      account: { count: row.accountCount, oldestExpiresInSeconds: row.accountExpires },
      address: { count: row.addressCount, oldestExpiresInSeconds: row.addressExpires },
    };
  }

  /** Records the attempt as failed before its password is checked; a success turns it around. */
  reserveAttempt(email: string, ip: string) {
    return this.db.loginAttempt.create({ data: { email, ip, succeeded: false }, select: { id: true } });
  }

  async markSucceeded(attemptId: bigint) {
    await this.db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
  }

  createSession(userId: string, refreshTokenHash: string, expiresAt: Date) {
    return this.db.session.create({ data: { userId, refreshTokenHash, expiresAt }, select: { id: true } });
  }

  findLiveSession(refreshTokenHash: string) {
    return this.db.session.findFirst({
      where: { refreshTokenHash, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, user: { select: sessionUser } },
    });
  }

  /**
   * Rotates the refresh token and keeps the old one's hash as retired; false when another request
   * rotated or revoked the session first (the row lock makes the second one see the first's change).
   */
  async rotate(sessionId: string, oldHash: string, newHash: string): Promise<boolean> {
    const { count } = await this.db.session.updateMany({
      where: { id: sessionId, refreshTokenHash: oldHash, revokedAt: null },
      data: { refreshTokenHash: newHash },
    });
    if (count === 1) await this.db.retiredRefreshToken.create({ data: { hash: oldHash, sessionId } });
    return count === 1;
  }

  /** The session a rotated-out refresh token belonged to, if the hash is one. */
  async sessionOfRetiredToken(hash: string) {
    return (await this.db.retiredRefreshToken.findUnique({ where: { hash }, select: { sessionId: true } }))?.sessionId;
  }

  sessionIdOfRefreshToken(refreshTokenHash: string) {
    return this.db.session.findUnique({ where: { refreshTokenHash }, select: { id: true } });
  }

  /** Ends a live session; the user it belonged to, or undefined when it was not live. */
  async revoke(sessionId: string): Promise<string | undefined> {
    const { count } = await this.db.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return undefined;
    return (await this.db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { userId: true } })).userId;
  }
}
