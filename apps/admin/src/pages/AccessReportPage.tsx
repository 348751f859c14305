import { Anchor, Button, Card, Group, Pagination, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { AccessRangeForm } from '../features/audit/components/AccessRangeForm';
import { AccessTable } from '../features/audit/components/AccessTable';
import { ACCESS_PAGE_SIZE, useAccessReport } from '../features/audit/hooks/useAccessReport';
import { csvHref } from '../features/audit/labels';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord, PatientNotFound } from './NotFoundPage';

/** Who has seen or changed one patient's record, repeated reads grouped. */
export function AccessReportPage() {
  const { patientId = '' } = useParams();
  const report = useAccessReport(patientId);
  const back = (
    <Anchor component={Link} to="/audit" size="sm">
      ← Audit log
    </Anchor>
  );
  if (report.isPending) return <CenteredLoader label="Loading the access report" />;
  if (isMissingRecord(report.error)) return <PatientNotFound />;
  if (report.isError)
    return (
      <>
        <PageHeader above={back} title="Who has seen or changed this record" />
        <QueryError error={report.error} onRetry={() => report.refetch()} title="Could not load the access report" />
      </>
    );
  const { patient, items, total, windowMinutes } = report.data;
  const pages = Math.max(1, Math.ceil(total / ACCESS_PAGE_SIZE));
  return (
    <>
      <PageHeader
        above={back}
        title="Who has seen or changed this record"
        description={`${patient.name} · MRN ${patient.mrn}. Reads of the same thing by the same person within ${windowMinutes} minutes of each other are one line.`}
        actions={
          <Button
            component="a"
            href={csvHref(`/api/audit/patients/${patient.id}/access/csv`, report.query)}
            download
            variant="light"
          >
            Download CSV
          </Button>
        }
      />
      <Stack gap="md">
        <Card withBorder radius="md" padding="lg">
          <AccessRangeForm initial={report.range} onApply={report.applyRange} />
        </Card>
        <Card withBorder radius="md" padding={0}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py={48}>
              {report.range.from || report.range.to
                ? 'Nobody opened or changed this record on these days.'
                : 'Nobody has opened or changed this record yet.'}
            </Text>
          ) : (
            <div style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
              <AccessTable groups={items} />
            </div>
          )}
        </Card>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {`${total} lines`}
          </Text>
          {pages > 1 && <Pagination total={pages} value={Math.min(report.page, pages)} onChange={report.setPage} />}
        </Group>
      </Stack>
    </>
  );
}
