import { Button, Card, Group, Pagination, Stack, Text } from '@mantine/core';
import { AuditFilters } from '../features/audit/components/AuditFilters';
import { AuditTable } from '../features/audit/components/AuditTable';
import { AUDIT_PAGE_SIZE, useAuditLog } from '../features/audit/hooks/useAuditLog';
import { csvHref } from '../features/audit/labels';
import { useStaff } from '../features/staff/hooks/useStaff';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function AuditPage() {
  const audit = useAuditLog();
  const staff = useStaff();
  const total = audit.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who read or changed which record, and when. Values are never stored here. Open a patient for who has seen or changed their record."
        actions={
          // The export is itself recorded in this log.
          <Button component="a" href={csvHref('/api/audit/csv', audit.query)} download variant="light">
            Download CSV
          </Button>
        }
      />
      <Stack gap="md">
        <Card withBorder radius="md" padding="lg">
          <AuditFilters initial={audit.filter} actors={staff.data ?? []} onApply={audit.applyFilter} />
        </Card>
        <Card withBorder radius="md" padding={0}>
          {audit.isPending ? (
            <CenteredLoader label="Loading audit events" />
          ) : audit.isError ? (
            <div style={{ padding: 'var(--mantine-spacing-lg)' }}>
              <QueryError error={audit.error} onRetry={() => audit.refetch()} title="Could not load the audit log" />
            </div>
          ) : audit.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py={48}>
              No audit events match these filters.
            </Text>
          ) : (
            <div style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
              <AuditTable events={audit.data.items} />
            </div>
          )}
        </Card>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {audit.data ? `${total} events` : ' '}
          </Text>
          {pages > 1 && <Pagination total={pages} value={Math.min(audit.page, pages)} onChange={audit.setPage} />}
        </Group>
      </Stack>
    </>
  );
}
