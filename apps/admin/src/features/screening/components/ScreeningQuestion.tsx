import { Group, NumberInput, Radio, Stack, Textarea } from '@mantine/core';
import type { TemplateItem } from '@cadence/domain';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { questionDomId, type ScreeningFormState } from '../hooks/useScreeningForm';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

type PlainItem = Exclude<TemplateItem, { type: 'instrument' }>;

interface ScreeningQuestionProps {
  item: PlainItem;
  state: ScreeningFormState;
  disabled?: boolean;
}

/** One checklist question, drawn by its type; required ones are announced, optional ones say so. */
export function ScreeningQuestion({ item, state, disabled }: ScreeningQuestionProps) {
  const { today } = useClinicClock();
  const value = state.values[item.id];
  const error = state.errors[item.id];
  const required = state.required(item);
  const description = [item.help, required ? null : 'Optional'].filter(Boolean).join(' · ') || undefined;
  const common = {
    label: item.label,
    description,
    error,
    required,
    withAsterisk: false,
    disabled,
  };
  const onBlur = () => state.markVisited(item.id);

  switch (item.type) {
    case 'yesno':
      return (
        <div id={questionDomId(item.id)}>
          <Radio.Group
            {...common}
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(v) => state.setAnswer(item.id, v === 'yes')}
          >
            <Group gap="xl" mt={6}>
              <Radio value="yes" label="Yes" disabled={disabled} />
              <Radio value="no" label="No" disabled={disabled} />
            </Group>
          </Radio.Group>
        </div>
      );
    case 'choice':
      return (
        <div id={questionDomId(item.id)}>
          <Radio.Group
            {...common}
            value={typeof value === 'string' ? value : ''}
            onChange={(v) => state.setAnswer(item.id, v)}
          >
            <Stack gap={8} mt={6}>
              {item.options.map((option) => (
                <Radio key={option.value} value={option.value} label={option.label} disabled={disabled} />
              ))}
            </Stack>
          </Radio.Group>
        </div>
      );
    case 'number':
      return (
        <div id={questionDomId(item.id)}>
          <NumberInput
            {...common}
            description={[item.help, `${item.min}–${item.max} ${item.unit}`, required ? null : 'Optional']
              .filter(Boolean)
              .join(' · ')}
            value={typeof value === 'number' || typeof value === 'string' ? value : ''}
            onChange={(v) => state.setAnswer(item.id, v === '' ? null : v)}
            onBlur={onBlur}
            rightSection={
              <span style={{ fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)' }}>
                {item.unit}
              </span>
            }
            rightSectionWidth={item.unit.length * 8 + 24}
            rightSectionPointerEvents="none"
            hideControls
          />
        </div>
      );
    case 'date':
      return (
        <div id={questionDomId(item.id)}>
          <ClinicDateInput
            {...common}
            maxDate={today}
            value={typeof value === 'string' ? value : ''}
            onChange={(next) => state.setAnswer(item.id, next)}
            onBlur={onBlur}
            maw={280}
          />
        </div>
      );
    case 'text':
      return (
        <div id={questionDomId(item.id)}>
          <Textarea
            {...common}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => state.setAnswer(item.id, e.currentTarget.value)}
            onBlur={onBlur}
            maxLength={item.maxLength}
            autosize
            minRows={2}
            maxRows={6}
          />
        </div>
      );
  }
}
