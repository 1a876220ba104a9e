// Talk Calendar as a store: the user's calendars (primary and sub-calendars), events (recurring ones
// expanded by the `rrule` library, RFC 5545), and tasks. Listing follows Kakao's documented
// limits: `to` at most 31 days after `from`, `limit` default 100 and at most 1000, paging through
// `next_page_token`. Kakao's answers for tasks and deletions are not documented: there the
// sandbox answers with its own shape, named in the README.
import * as rruleModule from 'rrule';
import { apiError, type MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';
import { newId, type SandboxState, type SandboxUser } from './state.js';
import { ok } from './respond.js';

// rrule is CommonJS: its exports sit on `default` when Node loads it from ESM.
const { RRule } = ((rruleModule as Json).RRule ? rruleModule : (rruleModule as Json).default) as typeof import('rrule');

const DAY = 24 * 3600 * 1000;
const bad = (msg: string) => apiError(400, -2, msg);
const compact = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, '');

/** Minutes the zone is ahead of UTC at `ms` (Intl knows the IANA zones). */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The period of a preset (TODAY, THIS_WEEK from Sunday, THIS_MONTH from the 1st) in the zone, as UTC milliseconds. */
function presetPeriod(preset: string, now: number, timeZone: string): [number, number] {
  const offset = zoneOffset(now, timeZone) * 60000;
  const local = new Date(now + offset);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset;
  if (preset === 'TODAY') return [midnight, midnight + DAY];
  if (preset === 'THIS_WEEK') {
    const start = midnight - local.getUTCDay() * DAY;
    return [start, start + 7 * DAY];
  }
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset;
  return [start, Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - offset];
}

const parseJson = (text: unknown): Json => (typeof text === 'string' ? JSON.parse(text) : text);

export function createCalendar(state: () => SandboxState, now: () => number) {
  const calendarsOf = (user: SandboxUser) => state().calendars.filter((c) => c.user_id === user.id);
  const hasCalendar = (user: SandboxUser, id: string) => id === 'primary' || calendarsOf(user).some((c) => c.id === id);
  /** An event ID, or an occurrence ID (`<event id>_<start as yyyyMMddTHHmmssZ>`), to the event and the occurrence's start. */
  const findEvent = (user: SandboxUser, id: string): { event: Json; occurrence?: number } | undefined => {
    const [base, at] = String(id).split('_');
    const event = state().events.find((e) => e.id === base && e.user_id === user.id);
    if (!event) return undefined;
    if (!at) return { event };
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(at);
    if (!m) return undefined;
    return { event, occurrence: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) };
  };
  const ruleOf = (event: Json, until?: number) => {
    const options = RRule.parseString(event.rrule);
    return new RRule({ ...options, dtstart: new Date(event.time.start_at), ...(until !== undefined ? { until: new Date(until), count: undefined } : {}) });
  };
  /** The occurrences of an event that overlap [from, to). */
  const occurrences = (event: Json, from: number, to: number): number[] => {
    const start = Date.parse(event.time.start_at);
    const length = Date.parse(event.time.end_at) - start;
    if (!event.rrule) return start < to && start + length > from ? [start] : [];
    const excluded = new Set<number>(event.exdates ?? []);
    return ruleOf(event)
      .between(new Date(from - length), new Date(to), true)
      .map((d) => d.getTime())
      .filter((t) => t < to && t + length > from && !excluded.has(t));
  };
  const listItem = (event: Json, start: number): Json => {
    const length = Date.parse(event.time.end_at) - Date.parse(event.time.start_at);
    return {
      id: event.rrule ? `${event.id}_${compact(start)}` : event.id,
      title: event.title,
      type: 'USER',
      calendar_id: event.calendar_id,
      is_recur_event: Boolean(event.rrule),
      is_host: true,
      time: { ...event.time, start_at: iso(start), end_at: iso(start + length) },
      ...(event.color ? { color: event.color } : {}),
    };
  };
  const EVENT_FIELDS = ['title', 'time', 'rrule', 'description', 'location', 'reminders', 'color', 'memo'];
  const eventFrom = (input: Json) => Object.fromEntries(EVENT_FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, structuredClone(input[k])]));

  return {
    listCalendars(user: SandboxUser): MockResponse {
      const primary = { id: 'primary', name: 'My Calendar', color: 'BLUE', reminder: 15, reminder_all_day: 540, ...state().calendars.find((c) => c.user_id === user.id && c.id === 'primary')?.settings };
      const subs = calendarsOf(user).filter((c) => c.id !== 'primary').map((c) => ({ id: c.id, ...c.settings }));
      return ok({ calendars: [primary, ...subs], subscribe_calendars: [] });
    },
    createCalendar(user: SandboxUser, body: Json): MockResponse {
      const id = `user_${newId(state())}`;
      const settings = Object.fromEntries(['name', 'color', 'reminder', 'reminder_all_day'].filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
      state().calendars.push({ id, user_id: user.id, settings });
      return ok({ calendar_id: id });
    },
    updateCalendar(user: SandboxUser, body: Json): MockResponse {
      const calendar = calendarsOf(user).find((c) => c.id === body.calendar_id);
      if (!calendar) return bad(`mock: the user has no sub-calendar with calendar_id ${body.calendar_id}`);
      for (const k of ['name', 'color', 'reminder', 'reminder_all_day']) if (body[k] !== undefined) calendar.settings[k] = body[k];
      return ok({ calendar_id: calendar.id });
    },
    deleteCalendar(user: SandboxUser, query: Json): MockResponse {
      const s = state();
      const calendar = calendarsOf(user).find((c) => c.id === query.calendar_id);
      if (!calendar) return bad(`mock: the user has no sub-calendar with calendar_id ${query.calendar_id}`);
      s.calendars.splice(s.calendars.indexOf(calendar), 1);
      s.events = s.events.filter((e) => !(e.user_id === user.id && e.calendar_id === calendar.id));
      return ok({ calendar_id: calendar.id });
    },

    createEvent(user: SandboxUser, body: Json): MockResponse {
      const calendarId = body.calendar_id ?? 'primary';
      if (!hasCalendar(user, calendarId)) return bad(`mock: the user has no calendar with calendar_id ${calendarId}`);
      const input = parseJson(body.event);
      if (input.rrule) {
        try {
          RRule.parseString(input.rrule);
        } catch {
          return bad(`Constraints on the parameter [event] are unsatisfied. mock: rrule "${input.rrule}" is not an RFC 5545 rule`);
        }
      }
      const event = { id: newId(state()), user_id: user.id, calendar_id: calendarId, ...eventFrom(input), exdates: [] as number[] };
      state().events.push(event);
      return ok({ event_id: event.id });
    },

    listEvents(user: SandboxUser, query: Json, baseUrl: string): MockResponse {
      let from: number;
      let to: number;
      let limit = Number(query.limit ?? 100);
      let offset = 0;
      let calendarId: string | undefined = query.calendar_id;
      if (query.next_page_token) {
        try {
          ({ from, to, limit, offset, calendarId } = JSON.parse(Buffer.from(String(query.next_page_token), 'base64url').toString('utf8')));
        } catch {
          return bad('Constraints on the parameter [next_page_token] are unsatisfied. mock: not a token from this mock');
        }
      } else if (query.preset) {
        [from, to] = presetPeriod(query.preset, now(), query.time_zone ?? 'Asia/Seoul');
      } else {
        if (query.from === undefined) return bad('The Parameter [from] cannot be null.');
        if (query.to === undefined) return bad('The Parameter [to] cannot be null.');
        from = Date.parse(query.from);
        to = Date.parse(query.to);
        if (!(to > from)) return bad('Constraints on the parameter [to] are unsatisfied. mock: to must be after from');
        if (to - from > 31 * DAY) return bad('Constraints on the parameter [to] are unsatisfied. mock: to is at most 31 days after from');
      }
      if (calendarId !== undefined && !hasCalendar(user, calendarId)) return bad(`mock: the user has no calendar with calendar_id ${calendarId}`);
      const all = state()
        .events.filter((e) => e.user_id === user.id && (calendarId === undefined || e.calendar_id === calendarId))
        .flatMap((e) => occurrences(e, from, to).map((start) => ({ e, start })))
        .sort((a, b) => a.start - b.start || String(a.e.id).localeCompare(String(b.e.id)));
      const page = all.slice(offset, offset + limit);
      const hasNext = offset + limit < all.length;
      const body: Json = { events: page.map(({ e, start }) => listItem(e, start)), has_next: hasNext };
      if (hasNext) {
        const token = Buffer.from(JSON.stringify({ from, to, limit, offset: offset + limit, calendarId })).toString('base64url');
        body.after_url = `${baseUrl}/v2/api/calendar/events?next_page_token=${token}`;
      }
      return ok(body);
    },

    getEvent(user: SandboxUser, query: Json): MockResponse {
      const found = findEvent(user, query.event_id);
      if (!found) return bad(`mock: the user has no event with event_id ${query.event_id}`);
      const { event, occurrence } = found;
      const start = occurrence ?? Date.parse(event.time.start_at);
      const { exdates: _exdates, user_id: _user, ...rest } = event;
      return ok({ event: { ...rest, ...listItem(event, start), ...(event.rrule ? { rrule: event.rrule } : {}) } });
    },

    /** recur_update_type: THIS (one occurrence becomes its own event), THIS_AND_FOLLOWING (the series is split), ALL (default). */
    updateEvent(user: SandboxUser, body: Json): MockResponse {
      const found = findEvent(user, body.event_id);
      if (!found) return bad(`mock: the user has no event with event_id ${body.event_id}`);
      const { event, occurrence } = found;
      const change = eventFrom(body.event ? parseJson(body.event) : {});
      if (body.calendar_id !== undefined && !hasCalendar(user, body.calendar_id)) return bad(`mock: the user has no calendar with calendar_id ${body.calendar_id}`);
      const mode = event.rrule && occurrence !== undefined ? (body.recur_update_type ?? 'THIS') : 'ALL';
      const s = state();
      if (mode === 'ALL') {
        Object.assign(event, change, body.calendar_id !== undefined ? { calendar_id: body.calendar_id } : {});
        return ok({ event_id: event.id });
      }
      const length = Date.parse(event.time.end_at) - Date.parse(event.time.start_at);
      const split = { ...structuredClone(event), id: newId(s), exdates: [], time: { ...event.time, start_at: iso(occurrence!), end_at: iso(occurrence! + length) }, ...change };
      if (body.calendar_id !== undefined) split.calendar_id = body.calendar_id;
      if (mode === 'THIS') {
        event.exdates.push(occurrence!);
        delete split.rrule;
      } else event.rrule = ruleOf(event, occurrence! - 1000).toString().split('\n').find((l) => l.startsWith('RRULE:'))!.slice(6);
      s.events.push(split);
      return ok({ event_id: split.id });
    },

    deleteEvent(user: SandboxUser, query: Json): MockResponse {
      const found = findEvent(user, query.event_id);
      if (!found) return bad(`mock: the user has no event with event_id ${query.event_id}`);
      const { event, occurrence } = found;
      const mode = event.rrule && occurrence !== undefined ? (query.recur_update_type ?? 'THIS') : 'ALL';
      const s = state();
      if (mode === 'ALL') s.events.splice(s.events.indexOf(event), 1);
      else if (mode === 'THIS') event.exdates.push(occurrence!);
      else event.rrule = ruleOf(event, occurrence! - 1000).toString().split('\n').find((l) => l.startsWith('RRULE:'))!.slice(6);
      return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: { event_id: query.event_id } };
    },

    createTask(user: SandboxUser, body: Json): MockResponse {
      const input = parseJson(body.task);
      const task = { id: newId(state()), user_id: user.id, ...input, completed: false, created_at: iso(now()) };
      state().tasks.push(task);
      // Public code reads `task_id` from Kakao's answer; Kakao's page does not describe it.
      return ok({ task_id: task.id });
    },
    listTasks(user: SandboxUser, query: Json): MockResponse {
      const mine = state().tasks.filter((t) => t.user_id === user.id);
      const view = ({ user_id: _user, ...t }: Json) => t;
      if (query.task_id !== undefined) {
        const task = mine.find((t) => t.id === query.task_id);
        return task ? ok({ tasks: [view(task)] }) : bad(`mock: the user has no task with task_id ${query.task_id}`);
      }
      if (query.from === undefined) return bad('The Parameter [from] cannot be null.');
      if (query.to === undefined) return bad('The Parameter [to] cannot be null.');
      const day = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8));
      if (day(query.to) < day(query.from) || day(query.to) - day(query.from) > 31 * DAY) return bad('Constraints on the parameter [to] are unsatisfied. mock: to is at most 31 days after from');
      const status = query.task_status ?? 'TODO';
      const filters = String(query.task_filter ?? '').split(',').filter(Boolean);
      const inPeriod = mine
        .filter((t) => !t.due_info?.due_date || (t.due_info.due_date >= query.from && t.due_info.due_date <= query.to))
        .filter((t) => status === 'ALL' || (status === 'COMPLETED') === t.completed)
        .filter((t) => !filters.includes('bookmark') || t.bookmark === true)
        .sort((a, b) => Number(a.completed) - Number(b.completed));
      const offset = Number(query.offset ?? 0);
      return ok({ tasks: inPeriod.slice(offset, offset + Number(query.limit ?? 100)).map(view) });
    },
    updateTask(user: SandboxUser, body: Json): MockResponse {
      const task = state().tasks.find((t) => t.user_id === user.id && t.id === body.task_id);
      if (!task) return bad(`mock: the user has no task with task_id ${body.task_id}`);
      Object.assign(task, parseJson(body.task));
      return ok({ task_id: task.id });
    },
    completeTask(user: SandboxUser, body: Json): MockResponse {
      const task = state().tasks.find((t) => t.user_id === user.id && t.id === body.task_id);
      if (!task) return bad(`mock: the user has no task with task_id ${body.task_id}`);
      task.completed = body.complete === true || body.complete === 'true';
      return ok({ task_id: task.id });
    },
    deleteTask(user: SandboxUser, query: Json): MockResponse {
      const s = state();
      const task = s.tasks.find((t) => t.user_id === user.id && t.id === query.task_id);
      if (!task) return bad(`mock: the user has no task with task_id ${query.task_id}`);
      s.tasks.splice(s.tasks.indexOf(task), 1);
      return ok({ task_id: task.id });
    },
  };
}
