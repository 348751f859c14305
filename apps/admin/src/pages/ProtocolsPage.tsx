import { Card } from '@mantine/core';
import { useState } from 'react';
import type { ProtocolRecord } from '../features/protocols/api/protocols.api';
import { NewVersionModal } from '../features/protocols/components/NewVersionModal';
import { ProtocolTable } from '../features/protocols/components/ProtocolTable';
import { useProtocols } from '../features/protocols/hooks/useProtocols';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function ProtocolsPage() {
  const protocols = useProtocols();
  const [editing, setEditing] = useState<ProtocolRecord | null>(null);
  return (
    <>
      <PageHeader
        title="Protocols"
        description="The catalogue courses are booked from. A course keeps the version it was booked with."
      />
      <Card withBorder radius="md" padding={0}>
        {protocols.isPending ? (
          <CenteredLoader label="Loading protocols" />
        ) : protocols.isError ? (
          <div style={{ padding: 'var(--mantine-spacing-lg)' }}>
            <QueryError error={protocols.error} onRetry={() => protocols.refetch()} title="Could not load protocols" />
          </div>
        ) : (
          <ProtocolTable protocols={protocols.data} onNewVersion={setEditing} />
        )}
      </Card>
      <NewVersionModal protocol={editing} onClose={() => setEditing(null)} />
    </>
  );
}
