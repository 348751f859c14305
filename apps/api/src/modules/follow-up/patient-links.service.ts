import { Inject, Injectable } from '@nestjs/common';
import { followUpQuestionnaire, followUpStatus } from '@cadence/domain';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { FollowUpAnswersDto } from './dto/record-input.dto';
import type {
  CreatedLinkDto,
  FollowUpFormDto,
  PatientLinkPageDto,
  PatientLinkSubmittedDto,
} from './dto/patient-link.dto';
import { FollowUpRecording } from './follow-up-recording';
import { FollowUpRecordsRepository } from './follow-up-records.repository';
import { calendarDate, scheduledOf } from './follow-up-windows';
import { followUpErrors } from './follow-up.errors';
import { toLinkDto } from './follow-up.mapper';
import { FollowUpRepository } from './follow-up.repository';
import { newLinkToken, verifiedTokenHash } from './link-tokens';
import { PatientLinksRepository } from './patient-links.repository';

const DAY_MS = 24 * 3600_000;

/** The questions the patient's page shows: the form's wording only, nothing of any record. */
const QUESTIONS: FollowUpFormDto = followUpQuestionnaire();

/**
 * A patient's own link to one follow-up: a signed random token, single use, expiring after the
 * configured days or when the window closes, whichever is first; only its hash is stored. Staff
 * create it (and a FOLLOW_UP_LINK message is queued for the patient's email); the patient, with no
 * login, reads the questions and submits the answers once. Every link that is not usable answers
 * alike, and the public routes are throttled per caller address.
 */
@Injectable()
export class PatientLinksService {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly records: FollowUpRecordsRepository,
    private readonly links: PatientLinksRepository,
    private readonly recording: FollowUpRecording,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async create(actor: Actor, meta: RequestMeta, followUpId: string): Promise<CreatedLinkDto> {
    return this.transactions.withTransaction(async () => {
      const followUp = await this.followUps.find(actor.clinicId, followUpId);
      if (!followUp) throw followUpErrors.notFound();
      const clinic = await this.followUps.clinic(actor.clinicId);
      const now = Date.now();
      const window = scheduledOf(followUp, clinic.timezone);
      const taken = (await this.records.recordedAt([followUpId])).get(followUpId) ?? [];
      const state = followUpStatus(window, taken, now);
      if (state.status === 'COMPLETED') throw followUpErrors.linkNotOffered('the follow-up is completed');
      if (state.status === 'MISSED')
        throw followUpErrors.linkNotOffered(`its window closed at the end of ${window.closesOn}`);
      if (state.status === 'UPCOMING') throw followUpErrors.linkNotOffered(`its window opens on ${window.opensOn}`);

      const expiresAt = new Date(Math.min(now + this.config.followUp.linkTtlDays * DAY_MS, window.closesAtMs));
      const { token, tokenHash } = newLinkToken(this.config.followUp.linkKey);
      const link = await this.links.insert({
        id: randomUUID(),
        followUpId,
        tokenHash,
        expiresAt,
        createdById: actor.id,
        createdAt: new Date(now),
      });
      const url = `${this.config.followUp.linkOrigin}/follow-up/${token}`;
      const patient = await this.followUps.contact(actor.clinicId, followUp.patientId);
      const message = await this.links.queueMessage({
        clinicId: actor.clinicId,
        patientId: followUp.patientId,
        followUpId,
        dedupeKey: `follow-up-link:${link.id}`,
        toAddress: patient.email,
        ...linkEmail(clinic.name, url, expiresAt, clinic.timezone),
      });
      await this.audit.recordMany([
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'FollowUpLink',
          entityId: link.id,
          patientId: followUp.patientId,
          fields: ['followUpId', 'expiresAt'],
        }),
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Message',
          entityId: message.id,
          patientId: followUp.patientId,
          fields: ['kind', 'toAddress', 'subject', 'body'],
        }),
      ]);
      return { ...toLinkDto(link), url, message };
    });
  }

  /** The questions, the clinic's name and the due date, for a usable link. */
  async page(meta: RequestMeta, token: string): Promise<PatientLinkPageDto> {
    const link = await this.admit(meta, token);
    return this.transactions.withTransaction(async () => {
      const followUp = await this.followUps.byId(link.followUpId);
      const clinic = await this.followUps.clinic(followUp.clinicId);
      await this.audit.record(
        auditEntry(null, meta, {
          action: 'READ',
          entity: 'FollowUpLink',
          entityId: link.id,
          patientId: followUp.patientId,
          fields: ['questions', 'clinicName', 'dueOn'],
        }),
      );
      return { clinicName: clinic.name, dueOn: calendarDate(followUp.dueOn), questions: QUESTIONS };
    });
  }

  /** Stores the patient's answers once: the link is marked used in the same transaction. */
  async submit(meta: RequestMeta, token: string, answers: FollowUpAnswersDto): Promise<PatientLinkSubmittedDto> {
    const { tokenHash } = await this.admit(meta, token);
    return this.transactions.withTransaction(async () => {
      const now = Date.now();
      const used = await this.links.use(tokenHash, new Date(now));
      if (!used) throw followUpErrors.linkNotValid();
      const followUp = await this.followUps.lockById(used.followUpId);
      const clinic = await this.followUps.clinic(followUp.clinicId);
      const recorded = await this.recording.store({
        actor: null,
        meta,
        followUp,
        timeZone: clinic.timezone,
        id: randomUUID(),
        channel: 'PATIENT_LINK',
        linkId: used.id,
        recordedAtMs: now,
        answers,
        nowMs: now,
      });
      await this.audit.record(
        auditEntry(null, meta, {
          action: 'UPDATE',
          entity: 'FollowUpLink',
          entityId: used.id,
          patientId: followUp.patientId,
          fields: ['usedAt'],
        }),
      );
      return {
        received: true,
        urgentSupport: recorded.urgentSupport,
        message: recorded.urgentSupport
          ? `Thank you: your answers have reached ${clinic.name}. You said you have had thoughts of hurting yourself: the clinic has been told and will contact you. If you might act on these thoughts, call your local emergency number now.`
          : `Thank you: your answers have reached ${clinic.name}.`,
      };
    });
  }

  /**
   * The link behind a token, if it is usable now; the request is counted for the caller's address
   * first (outside any transaction, so a refused request is still counted) and refused when the
   * address has made too many, or too many with links that were not usable.
   */
  private async admit(
    meta: RequestMeta,
    token: string,
  ): Promise<{ id: string; followUpId: string; tokenHash: string }> {
    const { linkKey, linkMaxRequests, linkMaxRefused, linkWindowMinutes } = this.config.followUp;
    const now = new Date();
    const tokenHash = verifiedTokenHash(linkKey, token);
    const link = tokenHash ? await this.links.usable(tokenHash, now) : undefined;
    const since = new Date(now.getTime() - linkWindowMinutes * 60_000);
    const counts = await this.links.countRequest(meta.ip, !link, since);
    if (counts.all > linkMaxRequests || counts.refusals > linkMaxRefused) {
      const oldest = (await this.links.oldestSince(meta.ip, since)) ?? now;
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((oldest.getTime() + linkWindowMinutes * 60_000 - now.getTime()) / 1000),
      );
      throw followUpErrors.linkThrottled(retryAfterSeconds);
    }
    if (!link || !tokenHash) throw followUpErrors.linkNotValid();
    return { ...link, tokenHash };
  }
}

/** The email queued for the patient: the clinic, the link and until when it works; nothing of their record. */
function linkEmail(clinicName: string, url: string, expiresAt: Date, timeZone: string) {
  const until = DateTime.fromJSDate(expiresAt, { zone: timeZone }).setLocale('en-GB');
  return {
    subject: `${clinicName}: how have you been since your treatment?`,
    body: [
      'Hello,',
      '',
      `${clinicName} would like to know how you have been since your treatment. Please answer a few short questions (about five minutes) here:`,
      '',
      url,
      '',
      `The link works once, until ${until.toFormat("cccc d MMMM yyyy 'at' HH:mm")}. It shows only the questions, and your answers go to your care team.`,
      '',
      'If you need help now, contact the clinic; in an emergency, call your local emergency number.',
    ].join('\n'),
  };
}
