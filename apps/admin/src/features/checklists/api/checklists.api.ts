import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody } from '../../../api/types';
import type { ScreeningTemplateRecord } from '../../screening/api/types';

/** The latest published version of each of the clinic's screening checklists. */
export async function listLatestChecklists(): Promise<ScreeningTemplateRecord[]> {
  // The document types `definition` as an open object; the API stores libs/domain's ScreeningTemplate there.
  return unwrap(await api.GET('/api/screening-templates')).items as unknown as ScreeningTemplateRecord[];
}

export type PublishChecklistBody = RequestBody<'/api/screening-templates', 'post'>;

export async function publishChecklist(body: PublishChecklistBody): Promise<ScreeningTemplateRecord> {
  return unwrap(await api.POST('/api/screening-templates', { body })) as unknown as ScreeningTemplateRecord;
}
