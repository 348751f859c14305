import { Alert, Button, Card, Group, ScrollArea, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type ReactNode } from 'react';
import { describeError } from '../../../api/problem';
import { getFigureCsv, type OutcomeFigure, type OutcomesQuery } from '../api/outcomes.api';
import { chartPng, saveFile } from '../image';
import { groupLabel } from '../labels';
import { formatCell, type FigureTable } from '../tables';

interface FigureCardProps {
  title: string;
  description?: ReactNode;
  /** The API figure whose CSV the download is, under the same query as the numbers shown. */
  figure: OutcomeFigure;
  query: OutcomesQuery;
  table: FigureTable;
  protocolNames: ReadonlyMap<string, string>;
  /** Withheld groups and cautions, said above the chart. */
  notices?: ReactNode;
  /** The chart; without one the table is the figure (and there is no image to save). */
  chart?: ReactNode;
  /** False when the "chart" is figures in words, with no picture to save. */
  image?: boolean;
  /** Shown under the chart, with it: e.g. the numbers at risk. */
  below?: ReactNode;
  testId: string;
}

const fileName = (title: string, ext: string) =>
  `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.${ext}`;

/** A dashboard figure: its chart or its numbers as a table, the API's CSV of it, and the chart as a PNG. */
export function FigureCard(props: FigureCardProps) {
  const [asTable, setAsTable] = useState(!props.chart);
  const [busy, setBusy] = useState<'csv' | 'image' | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);

  async function run(kind: 'csv' | 'image', work: () => Promise<void>) {
    setBusy(kind);
    try {
      await work();
    } catch (error) {
      notifications.show({
        color: 'red',
        title: kind === 'csv' ? 'Download failed' : 'Image failed',
        message: describeError(error),
      });
    } finally {
      setBusy(null);
    }
  }

  const downloadCsv = () =>
    run('csv', async () => {
      const csv = await getFigureCsv(props.figure, props.query);
      saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `outcomes-${props.figure}.csv`);
    });
  const saveImage = () =>
    run('image', async () => {
      // The chart's own surface: the largest svg (recharts draws each legend icon as a small one too).
      const svg = [...(chartRef.current?.querySelectorAll<SVGSVGElement>('svg.recharts-surface') ?? [])]
        .map((s) => ({ s, area: s.getBoundingClientRect().width * s.getBoundingClientRect().height }))
        .sort((a, b) => b.area - a.area)[0]?.s;
      if (!svg) throw new Error('There is no chart to save: the figure has no numbers shown.');
      const legend = [...(chartRef.current?.querySelectorAll<HTMLElement>('.recharts-legend-item-text') ?? [])].map(
        (item) => ({ label: item.textContent ?? '', color: getComputedStyle(item).color }),
      );
      saveFile(await chartPng(svg, props.title, legend), fileName(props.title, 'png'));
    });

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={props.title} data-testid={props.testId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Title order={2} size="h4">
              {props.title}
            </Title>
            {props.description && (
              <Text size="sm" c="dimmed">
                {props.description}
              </Text>
            )}
          </Stack>
          <Group gap="xs" wrap="wrap">
            {props.chart && (
              <Switch
                label="Show as table"
                checked={asTable}
                onChange={(event) => setAsTable(event.currentTarget.checked)}
              />
            )}
            <Button size="xs" variant="light" onClick={downloadCsv} loading={busy === 'csv'}>
              Download CSV
            </Button>
            {props.chart && props.image !== false && (
              <Button size="xs" variant="light" onClick={saveImage} loading={busy === 'image'} disabled={asTable}>
                Save image
              </Button>
            )}
          </Group>
        </Group>
        {props.notices}
        {asTable || !props.chart ? (
          <NumbersTable table={props.table} protocolNames={props.protocolNames} label={`${props.title}: numbers`} />
        ) : (
          <div ref={chartRef}>
            {props.chart}
            {props.below}
          </div>
        )}
      </Stack>
    </Card>
  );
}

function NumbersTable({
  table,
  protocolNames,
  label,
}: {
  table: FigureTable;
  protocolNames: ReadonlyMap<string, string>;
  label: string;
}) {
  if (table.rows.length === 0) return <Text c="dimmed">No numbers to show for this selection.</Text>;
  // One group (no grouping) needs no group column; the CSV keeps it.
  const columns = table.rows.every((row) => row.group === 'ALL')
    ? table.columns.filter((c) => c.key !== 'group')
    : table.columns;
  return (
    <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
      <Table striped highlightOnHover stickyHeader aria-label={label} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} data-key={c.key}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, index) => (
            <Table.Tr key={index}>
              {columns.map((c) => (
                <Table.Td key={c.key} data-key={c.key} data-value={row[c.key] ?? ''}>
                  {c.key === 'group'
                    ? groupLabel(String(row.group), protocolNames)
                    : formatCell(row[c.key] ?? null, c.kind)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

/** What the API withheld or flagged, in its own words: a chart is never drawn for a withheld group. */
export function DisclosureNotices({
  groups,
  protocolNames,
}: {
  groups: readonly { group: string; disclosure: { code: string; message: string } }[];
  protocolNames: ReadonlyMap<string, string>;
}) {
  const said = groups.filter((g) => g.disclosure.code !== 'SHOWN');
  if (said.length === 0) return null;
  return (
    <Stack gap={6}>
      {said.map((g) => (
        <Alert
          key={g.group}
          variant="light"
          color={g.disclosure.code === 'SUPPRESSED' ? 'gray' : 'yellow'}
          title={
            g.disclosure.code === 'SUPPRESSED'
              ? `${groupLabel(g.group, protocolNames)}: not shown`
              : `${groupLabel(g.group, protocolNames)}: small group`
          }
          data-testid={g.disclosure.code === 'SUPPRESSED' ? 'figure-suppressed' : 'figure-caution'}
          p="xs"
        >
          <Text size="sm">{g.disclosure.message}</Text>
        </Alert>
      ))}
    </Stack>
  );
}
