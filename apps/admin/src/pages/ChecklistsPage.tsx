import { Card } from '@mantine/core';
import { useState } from 'react';
import { ChecklistTable } from '../features/checklists/components/ChecklistTable';
import { NewChecklistVersionModal } from '../features/checklists/components/NewChecklistVersionModal';
import { useLatestChecklists } from '../features/checklists/hooks/useChecklists';
import type { ScreeningTemplateRecord } from '../features/screening/api/types';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function ChecklistsPage() {
  const checklists = useLatestChecklists();
  const [editing, setEditing] = useState<ScreeningTemplateRecord | null>(null);
  return (
    <>
      <PageHeader
        title="Screening checklists"
        description="The questions nurses answer before a course. New screenings use the latest version; a screening keeps the version it was started on."
      />
      <Card withBorder radius="md" padding={0}>
        {checklists.isPending ? (
          <CenteredLoader label="Loading checklists" />
        ) : checklists.isError ? (
          <div style={{ padding: 'var(--mantine-spacing-lg)' }}>
            <QueryError
              error={checklists.error}
              onRetry={() => checklists.refetch()}
              title="Could not load checklists"
            />
          </div>
        ) : (
          <ChecklistTable checklists={checklists.data} onNewVersion={setEditing} />
        )}
      </Card>
      <NewChecklistVersionModal checklist={editing} onClose={() => setEditing(null)} />
    </>
  );
}
