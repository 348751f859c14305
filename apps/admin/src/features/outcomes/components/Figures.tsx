import { Card, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import type { FigureAnswers, OutcomeFigure, OutcomesQuery, TimeWithInterval } from '../api/outcomes.api';
import { useOutcomeFigure } from '../hooks/useOutcomes';
import { groupLabel, MILESTONE_LABELS } from '../labels';
import { atRiskRows, rateBar } from '../series';
import {
  adverseEventsTable,
  boostersTable,
  completionTable,
  curvesTable,
  formatCell,
  mediansTable,
  respondersTable,
  scoresTable,
  type ResponderLine,
} from '../tables';
import { DisclosureNotices, FigureCard } from './FigureCard';
import { RateChart } from './RateChart';
import { AtRiskTable, ReliefChart } from './ReliefChart';
import { ScoresChart } from './ScoresChart';

export interface FigureProps {
  query: OutcomesQuery;
  protocolNames: ReadonlyMap<string, string>;
}

/** Loads one figure and hands its answer on; loading and failure said in place of the card. */
function Loaded<F extends OutcomeFigure>({
  figure,
  query,
  title,
  children,
}: {
  figure: F;
  query: OutcomesQuery;
  title: string;
  children: (answer: FigureAnswers[F]) => ReactNode;
}) {
  const answer = useOutcomeFigure(figure, query);
  if (answer.isPending)
    return (
      <Card withBorder radius="md" padding="md">
        <CenteredLoader label={`Loading ${title.toLowerCase()}`} />
      </Card>
    );
  if (answer.isError)
    return (
      <QueryError
        error={answer.error}
        onRetry={() => answer.refetch()}
        title={`Could not load ${title.toLowerCase()}`}
      />
    );
  return <>{children(answer.data)}</>;
}

/** "42 days (95 % CI 35–50)", or why there is no median. */
export function describeInterval(
  t: TimeWithInterval | null,
  unit = 'days',
  notReached = 'Not reached: more than half still have relief',
): string {
  if (!t || t.time === null) return notReached;
  const ci = t.lower === null && t.upper === null ? '' : ` (95 % CI ${t.lower ?? '—'}–${t.upper ?? 'not reached'})`;
  return `${formatCell(t.time, 'days')} ${unit}${ci}`;
}

export function ReliefCurvesFigure({ query, protocolNames }: FigureProps) {
  const title = 'Relief duration';
  return (
    <Loaded figure="relief-curves" query={query} title={title}>
      {(answer) => {
        const shown = answer.groups.filter((g) => g.disclosure.shown);
        const risk = atRiskRows(answer.groups);
        return (
          <FigureCard
            title={title}
            description="Kaplan–Meier estimate of the share of courses still with relief, with 95 % bands"
            figure="relief-curves"
            query={query}
            table={curvesTable(answer)}
            protocolNames={protocolNames}
            notices={<DisclosureNotices groups={answer.groups} protocolNames={protocolNames} />}
            chart={shown.length > 0 ? <ReliefChart series={shown} protocolNames={protocolNames} /> : undefined}
            below={<AtRiskTable days={risk.days} rows={risk.rows} protocolNames={protocolNames} />}
            testId="figure-relief-curves"
          />
        );
      }}
    </Loaded>
  );
}

export function MediansFigure({ query, protocolNames }: FigureProps) {
  const title = 'Median relief duration';
  return (
    <Loaded figure="medians" query={query} title={title}>
      {(answer) => (
        <FigureCard
          title={title}
          description="Days until half the courses had lost relief, with its 95 % interval (survfit's rule)"
          figure="medians"
          query={query}
          table={mediansTable(answer)}
          protocolNames={protocolNames}
          notices={<DisclosureNotices groups={answer.groups} protocolNames={protocolNames} />}
          chart={
            <Stack gap="xs">
              {answer.groups
                .filter((g) => g.disclosure.shown)
                .map((g) => (
                  <Group key={g.group} gap="xs" wrap="wrap" data-testid="median">
                    <Text fw={650} size="lg">
                      {describeInterval(g.median)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {groupLabel(g.group, protocolNames)} · {g.subjects} courses, {g.events} lost relief
                    </Text>
                  </Group>
                ))}
            </Stack>
          }
          image={false}
          testId="figure-medians"
        />
      )}
    </Loaded>
  );
}

const LINES: { value: ResponderLine; label: string }[] = [
  { value: 'moderate', label: '≥ 30 %' },
  { value: 'substantial', label: '≥ 50 %' },
  { value: 'points', label: '≥ 2 points' },
];

export function RespondersFigure({ query, protocolNames }: FigureProps) {
  const [line, setLine] = useState<ResponderLine>('moderate');
  const title = 'Responder rates';
  return (
    <Loaded figure="responders" query={query} title={title}>
      {(answer) => {
        const milestones = answer.groups[0]?.milestones ?? [];
        const bars = milestones.map((m) =>
          rateBar(MILESTONE_LABELS[m.milestone] ?? m.milestone, m[line], m.disclosure),
        );
        const notes = bars.filter((b) => b.withheld || b.caution);
        return (
          <FigureCard
            title={title}
            description="Pain reduction from the course's baseline at each milestone, with 95 % Wilson intervals"
            figure="responders"
            query={query}
            table={respondersTable(answer, line)}
            protocolNames={protocolNames}
            notices={
              <Stack gap={6}>
                <SegmentedControl
                  size="xs"
                  data={LINES}
                  value={line}
                  onChange={(v) => setLine(v as ResponderLine)}
                  aria-label="Responder line"
                />
                {notes.map((b) => (
                  <Text
                    key={b.label}
                    size="sm"
                    c={b.withheld ? 'dimmed' : 'yellow.8'}
                    data-testid={b.withheld ? 'figure-suppressed' : 'figure-caution'}
                  >
                    {b.label}: {b.withheld ?? b.caution}
                  </Text>
                ))}
              </Stack>
            }
            chart={
              bars.some((b) => b.percent !== null) ? (
                <RateChart bars={bars} label="Responder rates by milestone" />
              ) : undefined
            }
            testId="figure-responders"
          />
        );
      }}
    </Loaded>
  );
}

export function ScoresFigure({ query, protocolNames }: FigureProps) {
  const title = 'PROMIS and PHQ-9 change';
  return (
    <Loaded figure="scores" query={query} title={title}>
      {(answer) => {
        const offsets = answer.groups[0]?.offsets ?? [];
        const withheld = offsets.filter((o) => !o.disclosure.shown);
        return (
          <FigureCard
            title={title}
            description={`Mean change in pain interference (PROMIS T) and PHQ-9 from baseline; ${answer.baselines}`}
            figure="scores"
            query={query}
            table={scoresTable(answer)}
            protocolNames={protocolNames}
            notices={
              withheld.length > 0 && (
                <Text size="sm" c="dimmed" data-testid="figure-suppressed">
                  Day {withheld.map((o) => o.offsetDays).join(', ')}: {withheld[0].disclosure.message}
                </Text>
              )
            }
            chart={offsets.some((o) => o.disclosure.shown) ? <ScoresChart offsets={offsets} /> : undefined}
            testId="figure-scores"
          />
        );
      }}
    </Loaded>
  );
}

export function AdverseEventsFigure({ query, protocolNames }: FigureProps) {
  const title = 'Adverse events';
  return (
    <Loaded figure="adverse-events" query={query} title={title}>
      {(answer) => (
        <FigureCard
          title={title}
          description={`Confirmed events per 100 sessions by CTCAE term and grade${
            answer.groups[0]?.sessions ? ` (${answer.groups[0].sessions} sessions)` : ''
          }`}
          figure="adverse-events"
          query={query}
          table={adverseEventsTable(answer)}
          protocolNames={protocolNames}
          notices={<DisclosureNotices groups={answer.groups} protocolNames={protocolNames} />}
          testId="figure-adverse-events"
        />
      )}
    </Loaded>
  );
}

export function CompletionFigure({ query, protocolNames }: FigureProps) {
  const title = 'Follow-up completion';
  return (
    <Loaded figure="follow-up-completion" query={query} title={title}>
      {(answer) => {
        const offsets = answer.groups[0]?.offsets ?? [];
        const bars = offsets.map((o) => rateBar(String(o.offsetDays), o.completed, o.disclosure));
        return (
          <FigureCard
            title={title}
            description="Follow-up windows closed with a record, with 95 % Wilson intervals"
            figure="follow-up-completion"
            query={query}
            table={completionTable(answer)}
            protocolNames={protocolNames}
            notices={bars
              .filter((b) => b.withheld)
              .map((b) => (
                <Text key={b.label} size="sm" c="dimmed" data-testid="figure-suppressed">
                  Day {b.label}: {b.withheld}
                </Text>
              ))}
            chart={
              bars.some((b) => b.percent !== null) ? (
                <RateChart bars={bars} label="Follow-up completion by day" axisLabel="Follow-up day" />
              ) : undefined
            }
            testId="figure-completion"
          />
        );
      }}
    </Loaded>
  );
}

export function BoostersFigure({ query, protocolNames }: FigureProps) {
  const title = 'Boosters';
  return (
    <Loaded figure="boosters" query={query} title={title}>
      {(answer) => (
        <FigureCard
          title={title}
          description="Boosters per patient and the time from an initial course to its first booster"
          figure="boosters"
          query={query}
          table={boostersTable(answer)}
          protocolNames={protocolNames}
          notices={<DisclosureNotices groups={answer.groups} protocolNames={protocolNames} />}
          chart={
            <Stack gap="xs">
              {answer.groups
                .filter((g) => g.disclosure.shown)
                .map((g) => (
                  <SimpleGrid key={g.group} cols={3} spacing="sm">
                    <Stat label="Boosters per patient" value={formatCell(g.boostersPerPatient, 'mean')} />
                    <Stat
                      label="Patients with a booster"
                      value={formatCell(g.patientsWithBooster?.proportion ?? null, 'proportion')}
                    />
                    <Stat
                      label="Median days to the first"
                      value={describeInterval(g.medianDaysToFirstBooster, 'days', 'Not reached')}
                    />
                  </SimpleGrid>
                ))}
            </Stack>
          }
          image={false}
          testId="figure-boosters"
        />
      )}
    </Loaded>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650}>{value}</Text>
    </div>
  );
}
