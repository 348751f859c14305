import type { ScreeningKind, TemplateDefinitionError } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';

/** At most this many definition problems are listed. */
const MAX_LISTED_PROBLEMS = 50;

/** The errors of the screening checklists, built in one place. */
export const templatesErrors = {
  invalidDefinition: (problems: readonly TemplateDefinitionError[]) =>
    new DomainError(
      'VALIDATION_FAILED',
      'The checklist definition is not valid.',
      problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
        field: p.path === 'definition' ? 'definition' : `definition.${p.path}`,
        rule: 'templateDefinition',
        message: `${p.path} ${p.message}`,
      })),
    ),
  kindChanged: (key: string, kind: ScreeningKind) =>
    new DomainError('VALIDATION_FAILED', `Checklist ${key} is a ${kind} checklist.`, [
      { field: 'kind', rule: 'sameKind', message: `kind must stay ${kind} for key ${key}` },
    ]),
  /** Another clinic's versions answer the same as ids that do not exist. */
  notFound: () => new DomainError('NOT_FOUND', 'No such checklist version in this clinic.'),
  /** A new screening names a checklist the clinic does not have. */
  unknownForScreening: () =>
    new DomainError('VALIDATION_FAILED', 'templateId names no published checklist.', [
      { field: 'templateId', rule: 'exists', message: 'templateId must name a published screening template' },
    ]),
  supersededForScreening: (latest: { id: string; key: string; version: number }) =>
    new DomainError(
      'VALIDATION_FAILED',
      `A new screening uses the latest version of ${latest.key} (v${latest.version}).`,
      [
        {
          field: 'templateId',
          rule: 'latestVersion',
          message: `templateId must be the latest version of ${latest.key} (${latest.id})`,
        },
      ],
    ),
};
