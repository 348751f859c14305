import './chairBoard.css';
import type { EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import resourceTimeGridPlugin from '@fullcalendar/resource-timegrid';
import scrollGridPlugin from '@fullcalendar/scrollgrid';
import { DateTime } from 'luxon';
import { Fragment, useEffect, useMemo, useRef } from 'react';
import type { ClinicChair, ClinicClosure, OpeningWindow } from '../../clinic/api/clinic.api';
import { formatClinicTimeRange } from '../../clinic/time';
import type { BoardAppointment } from '../api/appointments.api';
import type { BoardView } from '../range';
import { toMoveWords } from '../to-move';
import { closedAt } from '../slots';
import { MonthCell, type DayOccupancy } from './MonthCell';

// Cadence is AGPL-3.0 open source, which FullCalendar's premium (resource) plugins accept under
// their GPL licence key.
const LICENSE_KEY = 'GPL-My-Project-Is-Open-Source';

const VIEW_NAMES: Record<BoardView, string> = {
  day: 'resourceTimeGridDay',
  week: 'resourceTimeGridWeek',
  list: 'dayGridWeek',
  month: 'dayGridMonth',
};

const STATUS_STYLE: Record<string, { bg: string; fg: string }> = {
  BOOKED: { bg: 'var(--mantine-color-cadence-1)', fg: 'var(--mantine-color-cadence-9)' },
  COMPLETED: { bg: 'var(--mantine-color-gray-2)', fg: 'var(--mantine-color-dark-5)' },
  NO_SHOW: { bg: 'var(--mantine-color-orange-1)', fg: 'var(--mantine-color-orange-9)' },
  CANCELLED: { bg: 'var(--mantine-color-red-0)', fg: 'var(--mantine-color-red-9)' },
};
const BED_STYLE = { bg: 'var(--mantine-color-grape-1)', fg: 'var(--mantine-color-grape-9)' };

/** A session dropped on another chair or time, not yet sent: `revert` puts it back on the board. */
export interface PendingMove {
  appointment: BoardAppointment;
  chairId: string;
  chairName: string;
  startsAt: string;
  endsAt: string;
  revert: () => void;
}

interface ChairBoardProps {
  date: string;
  view: BoardView;
  zone: string;
  chairs: ClinicChair[];
  openingHours: OpeningWindow[];
  closures: ClinicClosure[];
  appointments: BoardAppointment[];
  /** Per clinic-local date, for the month view. */
  occupancy: ReadonlyMap<string, DayOccupancy>;
  onSelect: (appointmentId: string) => void;
  /** Set for those who book: a click on an open, free slot starts a booking there. */
  onBookSlot?: (slot: { chairId: string; startsAt: string }) => void;
  /** Set for those who move sessions: a booked session not yet started may be dragged. */
  onMove?: (move: PendingMove) => void;
  onOpenDay: (date: string) => void;
}

const byName = new Intl.Collator(undefined, { numeric: true }).compare;
const KIND_ORDER: Record<string, number> = { CHAIR: 0, ROOM: 1, BED: 2 };

/**
 * The earliest opening and latest closing across the week, widened by an hour each side, and on to
 * the whole hours of any session shown that lies outside them (booked before the hours
 * changed, say), so no session is off the grid.
 */
function visibleHours(
  hours: OpeningWindow[],
  appointments: BoardAppointment[],
  zone: string,
): { min: string; max: string } {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  let open = hours.length === 0 ? 7 * 60 : Math.max(0, Math.min(...hours.map((h) => minutes(h.opensAt))) - 60);
  let close = hours.length === 0 ? 20 * 60 : Math.min(24 * 60, Math.max(...hours.map((h) => minutes(h.closesAt))) + 60);
  for (const a of appointments) {
    const start = DateTime.fromISO(a.startsAt, { zone });
    const end = DateTime.fromISO(a.endsAt, { zone });
    open = Math.min(open, start.hour * 60);
    // A session running past midnight fills its first day to the end.
    close = Math.max(close, end.hasSame(start, 'day') ? Math.ceil((end.hour * 60 + end.minute) / 60) * 60 : 24 * 60);
  }
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
  return { min: fmt(open), max: fmt(close) };
}

/**
 * The day's chairs and beds side by side, each chair's week under its name, the week as a list per
 * day, or the month with how full each day is. Closed hours and closure days are shaded; those who
 * book click a free slot to start a booking there, those who move sessions drag them (the API
 * decides, after the desk confirms). FullCalendar runs in the clinic's zone (luxon plugin) and is given the real instants, so the
 * board shows the clinic's clock whatever the browser's zone, clock-change days included.
 */
export function ChairBoard(props: ChairBoardProps) {
  const { date, view, zone, chairs, openingHours, closures, appointments, onSelect, onBookSlot, onMove } = props;
  const calendar = useRef<FullCalendar>(null);

  // Follow the toolbar (date and view live in the URL, outside FullCalendar).
  useEffect(() => {
    calendar.current?.getApi().changeView(VIEW_NAMES[view], date);
  }, [date, view]);

  const resources = useMemo(() => {
    const used = new Set(appointments.map((a) => a.chairId));
    return chairs
      .filter((c) => c.active || used.has(c.id))
      .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || byName(a.name, b.name))
      .map((c, order) => ({
        id: c.id,
        title: c.active ? c.name : `${c.name} (retired)`,
        order,
        extendedProps: { kind: c.kind },
      }));
  }, [chairs, appointments]);

  const bedIds = useMemo(() => new Set(chairs.filter((c) => c.kind === 'BED').map((c) => c.id)), [chairs]);

  const byChair = useMemo(() => new Map(chairs.map((c) => [c.id, c])), [chairs]);
  // Dragging needs a chair column; the week list has none.
  const dragging = !!onMove && (view === 'day' || view === 'week');

  const events: EventInput[] = useMemo(() => {
    const now = Date.now();
    const sessions: EventInput[] = appointments.map((a) => {
      const style =
        a.status === 'BOOKED' && a.chairId && bedIds.has(a.chairId)
          ? BED_STYLE
          : (STATUS_STYLE[a.status] ?? STATUS_STYLE.BOOKED);
      // Only a booked session that has not started moves (the API checks again).
      const movable = dragging && a.status === 'BOOKED' && Date.parse(a.startsAt) > now;
      return {
        id: a.id,
        resourceId: a.chairId ?? undefined,
        start: a.startsAt,
        end: a.endsAt,
        title: a.patientName,
        backgroundColor: style?.bg,
        textColor: style?.fg,
        startEditable: movable,
        resourceEditable: movable,
        durationEditable: false,
        classNames: [
          ...(movable ? ['board-event--movable'] : []),
          ...(a.toMove.length > 0 ? ['board-event--to-move'] : []),
        ],
        extendedProps: { appointment: a },
      };
    });
    // Closure days shaded whole across every chair; all-day, so the day grids (week list, month),
    // which draw no timed background, shade them too, and the time grids over all their hours.
    const shut: EventInput[] = closures.map((c) => ({
      id: `closure-${c.id}`,
      allDay: true,
      start: c.startsOn,
      end: DateTime.fromISO(c.endsOn).plus({ days: 1 }).toISODate() ?? c.endsOn,
      title: `Closed: ${c.reason}`,
      display: 'background',
      classNames: ['board-closure'],
    }));
    return view === 'month' ? shut : [...sessions, ...shut];
  }, [appointments, closures, bedIds, dragging, view]);

  // FullCalendar counts weekdays from Sunday (0); the clinic's are ISO (7 = Sunday).
  const businessHours = useMemo(
    () => openingHours.map((w) => ({ daysOfWeek: [w.weekday % 7], startTime: w.opensAt, endTime: w.closesAt })),
    [openingHours],
  );

  const clickSlot = (arg: DateClickArg) => {
    // A month day opens from its own cell (MonthCell), by mouse or keyboard.
    if (view === 'month') return;
    const chair = arg.resource ? byChair.get(arg.resource.id) : undefined;
    if (!onBookSlot || !chair || !chair.active || arg.allDay) return;
    const startsAt = arg.date.toISOString();
    // Past and closed slots are shaded; they start nothing.
    if (Date.parse(startsAt) <= Date.now() || closedAt(startsAt, zone, openingHours, closures)) return;
    onBookSlot({ chairId: chair.id, startsAt });
  };

  const dropSession = (arg: EventDropArg) => {
    const a = arg.event.extendedProps.appointment as BoardAppointment | undefined;
    const chairId = arg.newResource?.id ?? a?.chairId;
    const chair = chairId ? byChair.get(chairId) : undefined;
    if (!onMove || !a || !chair || !arg.event.start || !arg.event.end) {
      arg.revert();
      return;
    }
    onMove({
      appointment: a,
      chairId: chair.id,
      chairName: chair.name,
      startsAt: arg.event.start.toISOString(),
      endsAt: arg.event.end.toISOString(),
      revert: arg.revert,
    });
  };

  const hours = useMemo(() => visibleHours(openingHours, appointments, zone), [openingHours, appointments, zone]);

  const renderEvent = (arg: EventContentArg) => {
    const a = arg.event.extendedProps.appointment as BoardAppointment | undefined;
    // A month day says "Closed" in its own cell.
    if (!a) return view === 'month' ? null : <span className="board-closure__title">{arg.event.title}</span>;
    const cancelled = a.status === 'CANCELLED';
    return (
      <div
        className={`board-event${cancelled ? ' board-event--cancelled' : ''}`}
        data-testid="board-appointment"
        data-appointment-id={a.id}
        title={`${a.patientName} (MRN ${a.mrn}) · ${a.protocolName} · session ${a.sessionNumber} of ${a.sessionCount}${a.toMove.length > 0 ? ` · to move: ${toMoveWords(a.toMove)}` : ''}`}
      >
        {a.toMove.length > 0 && (
          <span className="board-event__to-move" data-testid="board-to-move">
            To move
          </span>
        )}
        {view === 'list' && (
          <span>
            {formatClinicTimeRange(a.startsAt, a.endsAt, zone)} · {a.chairName ?? 'no chair'}
          </span>
        )}
        <b>
          {a.patientName.split(/\s+/).map((word, i) => (
            <Fragment key={i}>
              {i > 0 && ' '}
              <span className="board-event__word">{word}</span>
            </Fragment>
          ))}
        </b>
        <span className="board-event__session">
          Session {a.sessionNumber} of {a.sessionCount}
          {a.status !== 'BOOKED' ? ` · ${a.status === 'NO_SHOW' ? 'no-show' : a.status.toLowerCase()}` : ''}
        </span>
        <span>{a.protocolName}</span>
      </div>
    );
  };

  return (
    <div className={`chair-board chair-board--${view}${onBookSlot ? ' chair-board--bookable' : ''}`}>
      <FullCalendar
        ref={calendar}
        plugins={[luxonPlugin, interactionPlugin, resourceTimeGridPlugin, dayGridPlugin, scrollGridPlugin]}
        schedulerLicenseKey={LICENSE_KEY}
        initialView={VIEW_NAMES[view]}
        initialDate={date}
        timeZone={zone}
        nowIndicator
        headerToolbar={false}
        firstDay={1}
        height="auto"
        allDaySlot={false}
        slotDuration="00:30:00"
        slotMinTime={hours.min}
        slotMaxTime={hours.max}
        slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        dayHeaderContent={(arg) =>
          DateTime.fromJSDate(arg.date, { zone }).toFormat(
            view === 'month' ? 'ccc' : view === 'day' ? 'cccc' : view === 'week' ? 'ccc d' : 'ccc d LLL',
          )
        }
        // Each chair keeps a column wide enough for a name; more chairs than fit scroll sideways.
        dayMinWidth={view === 'day' ? 84 : view === 'week' ? 76 : undefined}
        resources={resources}
        resourceOrder="order"
        businessHours={businessHours}
        events={events}
        eventContent={renderEvent}
        eventClick={(arg: EventClickArg) => {
          arg.jsEvent.preventDefault();
          if (arg.event.extendedProps.appointment) onSelect(arg.event.id);
        }}
        dateClick={clickSlot}
        editable={dragging}
        eventDurationEditable={false}
        eventDrop={dropSession}
        // The board lets the drop happen; the API decides and the drop is reverted if refused.
        eventOverlap
        dragRevertDuration={0}
        fixedWeekCount={false}
        showNonCurrentDates={false}
        dayCellContent={
          view === 'month'
            ? (arg) => {
                const day = DateTime.fromJSDate(arg.date, { zone }).toISODate() ?? '';
                return (
                  <MonthCell
                    date={day}
                    label={arg.dayNumberText}
                    occupancy={props.occupancy.get(day)}
                    onOpen={props.onOpenDay}
                  />
                );
              }
            : undefined
        }
        dayMaxEvents={false}
        displayEventEnd
        eventDisplay="block"
      />
    </div>
  );
}
