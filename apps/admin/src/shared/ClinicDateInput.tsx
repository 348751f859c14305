import { DateInput, type DateInputProps } from '@mantine/dates';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { formatDate, parseClinicDate } from './dates';

type ClinicDateInputProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** YYYY-MM-DD, or '' for none (a form's getInputProps gives it). */
  value?: string;
  onChange: (value: string) => void;
};

/**
 * A calendar date typed or picked in the clinic's date format (not the browser's locale), with the
 * format shown as the placeholder. The value stays YYYY-MM-DD, as the API takes it.
 */
export function ClinicDateInput({ value, onChange, ...props }: ClinicDateInputProps) {
  const { dateFormat } = useClinicClock();
  return (
    <DateInput
      valueFormat={dateFormat}
      dateParser={(text) => parseClinicDate(text, dateFormat)}
      placeholder={`e.g. ${formatDate('2026-12-01', dateFormat)}`}
      clearable
      popoverProps={{ withinPortal: true }}
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
    />
  );
}
