import { ActionIcon, Button, Group, SegmentedControl, Switch, Text } from '@mantine/core';
import { boardTitle, shiftDate, type BoardView } from '../range';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

interface BoardToolbarProps {
  date: string;
  view: BoardView;
  zone: string;
  today: string;
  showCancelled: boolean;
  onChange: (change: { date?: string; view?: BoardView }) => void;
  onShowCancelled: (value: boolean) => void;
  loading: boolean;
}

const STEP_NAME: Record<BoardView, string> = { day: 'day', week: 'week', list: 'week', month: 'month' };

export function BoardToolbar(p: BoardToolbarProps) {
  return (
    <Group justify="space-between" wrap="wrap" gap="sm" mb="md">
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" onClick={() => p.onChange({ date: p.today })} disabled={p.date === p.today}>
          Today
        </Button>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={`Previous ${STEP_NAME[p.view]}`}
          onClick={() => p.onChange({ date: shiftDate(p.date, p.view, -1) })}
        >
          ‹
        </ActionIcon>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={`Next ${STEP_NAME[p.view]}`}
          onClick={() => p.onChange({ date: shiftDate(p.date, p.view, 1) })}
        >
          ›
        </ActionIcon>
        <Text fw={650} size="lg" ml="xs" data-testid="board-title" style={{ opacity: p.loading ? 0.6 : 1 }}>
          {boardTitle(p.date, p.view, p.zone)}
        </Text>
      </Group>
      <Group gap="md" wrap="wrap">
        {p.view !== 'month' && (
          <Switch
            label="Show cancelled"
            checked={p.showCancelled}
            onChange={(e) => p.onShowCancelled(e.currentTarget.checked)}
          />
        )}
        <ClinicDateInput
          aria-label="Go to date"
          value={p.date}
          clearable={false}
          onChange={(date) => date && p.onChange({ date })}
          w={160}
        />
        <SegmentedControl
          value={p.view}
          onChange={(v) => p.onChange({ view: v as BoardView })}
          data={[
            { label: 'Day', value: 'day' },
            { label: 'Week', value: 'week' },
            { label: 'Week list', value: 'list' },
            { label: 'Month', value: 'month' },
          ]}
          aria-label="Board view"
        />
      </Group>
    </Group>
  );
}
