import { DateTime } from 'luxon';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ClinicDateFormat } from '@cadence/domain';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { setClinicDateFormat } from '../../../shared/dates';
import { QueryError } from '../../../shared/QueryError';
import { clinicToday } from '../time';
import { useClinic } from './useClinic';

/**
 * The one clock of the admin app: the clinic's time zone and today's date on the clinic's
 * calendar. Eligibility, booking, the board and date limits all read it, so a browser set to
 * another zone (or a desk working past midnight elsewhere) never sees a different "today".
 */
export interface ClinicClock {
  zone: string;
  /** YYYY-MM-DD on the clinic's calendar; changes at the clinic's midnight. */
  today: string;
  /** The current instant, for rules that compare instants (e.g. has a session started). */
  now: () => DateTime;
  /** How the clinic writes and types calendar dates (dayjs tokens), e.g. "DD/MM/YYYY". */
  dateFormat: ClinicDateFormat;
}

const ClinicClockContext = createContext<ClinicClock | null>(null);

/** Today on the clinic's calendar, re-read every half minute so it turns over at the clinic's midnight. */
function useToday(zone: string): string {
  const [today, setToday] = useState(() => clinicToday(zone));
  useEffect(() => {
    setToday(clinicToday(zone));
    const timer = setInterval(() => setToday(clinicToday(zone)), 30_000);
    return () => clearInterval(timer);
  }, [zone]);
  return today;
}

function Clock({ zone, dateFormat, children }: { zone: string; dateFormat: ClinicDateFormat; children: ReactNode }) {
  const today = useToday(zone);
  // Before the pages under it render, so formatDate() writes dates as the clinic does.
  setClinicDateFormat(dateFormat);
  const clock = useMemo<ClinicClock>(
    () => ({ zone, today, now: () => DateTime.now().setZone(zone), dateFormat }),
    [zone, today, dateFormat],
  );
  return <ClinicClockContext.Provider value={clock}>{children}</ClinicClockContext.Provider>;
}

/** Loads the signed-in user's clinic once and provides its clock to every page under it. */
export function ClinicClockProvider({ children }: { children: ReactNode }) {
  const clinic = useClinic();
  if (clinic.isPending) return <CenteredLoader label="Loading the clinic" />;
  if (clinic.isError) {
    return (
      <div style={{ maxWidth: 560, margin: '64px auto' }}>
        <QueryError error={clinic.error} onRetry={() => clinic.refetch()} title="Could not load the clinic" />
      </div>
    );
  }
  return (
    <Clock zone={clinic.data.timezone} dateFormat={clinic.data.dateFormat}>
      {children}
    </Clock>
  );
}

export function useClinicClock(): ClinicClock {
  const clock = useContext(ClinicClockContext);
  if (!clock) throw new Error('useClinicClock used outside ClinicClockProvider');
  return clock;
}
