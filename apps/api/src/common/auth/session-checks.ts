import { Injectable } from '@nestjs/common';
import { forbidden, permits, unauthenticated } from './auth.guard';
import type { LiveSessionCheck } from './live-session';
import { SessionsRepository } from './sessions.repository';

/** What a route whose statement checks the session does when the statement found nothing. */
@Injectable()
export class SessionChecks {
  constructor(private readonly sessions: SessionsRepository) {}

  /**
   * Was the empty answer because the session is over? Throws 401 (or 403 for a role lost since)
   * when it is; returns when the session is live and the empty answer stands (no such patient, no
   * match). A request checked by the guard itself (`check` undefined) needs nothing more.
   */
  async confirm(check: LiveSessionCheck | undefined): Promise<void> {
    if (!check) return;
    const actor = await this.sessions.liveActor(check.userId, check.sessionId);
    if (!actor) throw unauthenticated();
    if (!permits(actor, check.allowedRoles)) throw forbidden();
  }
}
