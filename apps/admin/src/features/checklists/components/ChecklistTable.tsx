import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';
import type { ScreeningTemplateRecord } from '../../screening/api/types';
import { KIND_LABELS } from '../../screening/labels';
import { lockedItemIds } from '../wordingForm';

/** The latest version of each checklist; screenings keep the version they were started on. */
export function ChecklistTable({
  checklists,
  onNewVersion,
}: {
  checklists: ScreeningTemplateRecord[];
  onNewVersion: (checklist: ScreeningTemplateRecord) => void;
}) {
  const { zone } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Screening checklists">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Checklist</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Items</Table.Th>
            <Table.Th>Published</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checklists.map((c) => {
            const locked = lockedItemIds(c.kind);
            const lockedCount = c.definition.items.filter((item) => locked.has(item.id)).length;
            return (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {c.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.key} · version {c.version}
                  </Text>
                </Table.Td>
                <Table.Td>{KIND_LABELS[c.kind]}</Table.Td>
                <Table.Td>
                  {c.definition.items.length}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({lockedCount} used by eligibility rules)
                  </Text>
                </Table.Td>
                <Table.Td>{formatClinicDateTime(c.publishedAt, zone)}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onNewVersion(c)}
                    aria-label={`New version of ${c.title}`}
                  >
                    New version
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
