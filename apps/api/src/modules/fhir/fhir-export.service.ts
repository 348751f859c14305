import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Resource } from '@medplum/fhirtypes';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { Periodic } from '../../common/background/periodic';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry, type AuditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { EXPORTED_TYPES } from './capability-statement';
import { patientResources } from './fhir-mapping';
import { FhirExportRepository, type ExportRow } from './fhir-export.repository';
import { FhirRepository } from './fhir.repository';
import { FHIR_BASE } from './operation-outcome.filter';

const LEASE_MS = 60_000;
const POLL_MS = 2_000;
const PROGRESS_EVERY = 25;

export type ExportStatus =
  { state: 'IN_PROGRESS'; progress: string } | { state: 'FAILED' } | { state: 'COMPLETE'; manifest: BulkManifest };

export interface BulkManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: never[];
}

/** The resources of a patient the export asks for: of its types, changed at or after `since`. */
export function selectForExport(resources: Resource[], types: string[], since: Date | null): Resource[] {
  return resources.filter(
    (r) =>
      (types.length === 0 || types.includes(r.resourceType)) &&
      (!since || (r.meta?.lastUpdated !== undefined && Date.parse(r.meta.lastUpdated) >= since.getTime())),
  );
}

/**
 * FHIR Bulk Data system export ($export) for a clinic: the request queues an export; a background
 * pass in any instance claims it with SKIP LOCKED, reads each patient's record as $everything does,
 * and stores one NDJSON file per type. At most one export per clinic is queued or running (a unique
 * index): a second request is answered with the running one's status URL. Files are removed
 * FHIR_EXPORT_TTL_HOURS after completion.
 */
@Injectable()
export class FhirExportService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FhirExport');
  private readonly periodic = new Periodic('fhir-export', () => this.runDue(), this.logger);
  private readonly baseUrl: string;

  constructor(
    private readonly exports: FhirExportRepository,
    private readonly records: FhirRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.baseUrl = `${config.http.publicOrigins[0]}${FHIR_BASE}`;
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.periodic.start(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  statusUrl(id: string) {
    return `${this.baseUrl}/$export-status/${id}`;
  }

  /** Queues an export, or finds the clinic's running one; returns its id. */
  async request(actor: Actor, meta: RequestMeta, types: string[], since: Date | null): Promise<string> {
    // The refused insert aborts its transaction: the running export is looked up in a new one.
    const created = await this.transactions.withTransaction(() =>
      this.exports.create({
        clinicId: actor.clinicId,
        requestedById: actor.id,
        types,
        since,
        requestId: meta.requestId,
        ip: meta.ip,
      }),
    );
    if (created) return created;
    const live = await this.transactions.withTransaction(() => this.exports.live(actor.clinicId));
    if (!live) throw new DomainError('STALE_VERSION', 'An export finished meanwhile; ask again.');
    return live.id;
  }

  async status(actor: Actor, id: string): Promise<ExportStatus> {
    const row = await this.transactions.withTransaction(() => this.exports.find(actor.clinicId, id));
    if (!row || (row.expiresAt && row.expiresAt < new Date()))
      throw new DomainError('NOT_FOUND', 'No such export (or its files were removed).');
    if (row.status === 'FAILED') return { state: 'FAILED' };
    if (row.status !== 'COMPLETED') {
      const done = row.patientsTotal ? Math.floor((100 * row.patientsDone) / row.patientsTotal) : 0;
      return { state: 'IN_PROGRESS', progress: `${row.status === 'QUEUED' ? 'queued' : 'running'}: ${done}%` };
    }
    const files = await this.transactions.withTransaction(() => this.exports.files(row.id));
    const query = [
      ...(row.types.length ? [`_type=${row.types.join(',')}`] : []),
      ...(row.since ? [`_since=${row.since.toISOString()}`] : []),
    ];
    return {
      state: 'COMPLETE',
      manifest: {
        transactionTime: (row.transactionTime ?? row.requestedAt).toISOString(),
        request: `${this.baseUrl}/$export${query.length ? `?${query.join('&')}` : ''}`,
        requiresAccessToken: true,
        output: files.map((f) => ({ type: f.type, url: `${this.baseUrl}/$export-file/${f.id}`, count: f.lineCount })),
        error: [],
      },
    };
  }

  async file(actor: Actor, id: string): Promise<string> {
    const file = await this.transactions.withTransaction(() => this.exports.file(actor.clinicId, id));
    if (!file) throw new DomainError('NOT_FOUND', 'No such export file (or it was removed).');
    return file.content;
  }

  /** One pass: removes expired exports, then runs every export waiting. Returns how many ran. */
  async runDue(): Promise<number> {
    await this.transactions.withTransaction(() => this.exports.removeExpired(new Date()));
    let ran = 0;
    for (;;) {
      const claimed = await this.transactions.withTransaction(() => this.exports.claim(LEASE_MS));
      if (!claimed) return ran;
      try {
        await this.run(claimed);
      } catch (error) {
        await this.transactions.withTransaction(() => this.exports.fail(claimed.id));
        throw error;
      }
      ran++;
    }
  }

  private async run(job: ExportRow): Promise<void> {
    const patientIds = await this.transactions.withTransaction(() => this.exports.patientIds(job.clinicId));
    const lines = new Map<string, string[]>(EXPORTED_TYPES.map((t) => [t, []]));
    const seen = new Set<string>();
    const meta = { requestId: job.requestId ?? `export-${job.id}`, ip: job.ip ?? '' };
    const actor = { id: job.requestedById };
    const audits: AuditEntry[] = [];
    for (const [i, patientId] of patientIds.entries()) {
      const record = await this.transactions.withTransaction(() => this.records.record(job.clinicId, patientId));
      const chosen = record ? selectForExport(patientResources(record), job.types, job.since) : [];
      for (const resource of chosen) {
        const key = `${resource.resourceType}/${resource.id}`;
        if (seen.has(key)) continue; // a clinic's Questionnaire is shared by its patients
        seen.add(key);
        lines.get(resource.resourceType)?.push(JSON.stringify(resource));
      }
      if (chosen.length)
        audits.push(
          auditEntry(actor, meta, {
            action: 'EXPORT',
            entity: 'Patient',
            entityId: patientId,
            patientId,
            fields: ['fhir:$export'],
          }),
        );
      if ((i + 1) % PROGRESS_EVERY === 0)
        await this.transactions.withTransaction(() =>
          this.exports.progress(job.id, i + 1, patientIds.length, LEASE_MS),
        );
    }
    const files = [...lines]
      .filter(([, l]) => l.length)
      .map(([type, l]) => ({ type, lineCount: l.length, content: `${l.join('\n')}\n` }));
    const expiresAt = new Date(Date.now() + this.config.fhir.exportTtlHours * 3_600_000);
    await this.transactions.withTransaction(async () => {
      await this.audit.recordMany(audits);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'EXPORT',
          entity: 'FhirExport',
          entityId: job.id,
          fields: job.types.length ? job.types : ['*'],
        }),
      );
      await this.exports.complete(job.id, files, expiresAt);
    });
  }
}
