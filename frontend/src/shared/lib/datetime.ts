// The one place dates and times are written for people. Every screen, toast
// and calendar view formats through these functions with the window's
// language, so the Indonesian window never shows US dates or "2:07 PM", and
// times always have the same shape ("08:00" and "09:07", never "08" beside
// "9:07").
import { useTranslation } from 'react-i18next';

/**
 * intlLocale is the Intl locale for a window language. English is written
 * the British way (day before month, 24-hour clock): the app's teams are
 * not American, and a 24-hour clock reads the same in both languages.
 */
export function intlLocale(language: string): string {
  return language.toLowerCase().startsWith('id') ? 'id-ID' : 'en-GB';
}

type Kind = 'dateTime' | 'date' | 'month' | 'time';

const options: Record<Kind, Intl.DateTimeFormatOptions> = {
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  month: { month: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

// Building an Intl.DateTimeFormat is slow next to using one; a month view
// formats hundreds of times per render.
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, kind: Kind, timeZone?: string): Intl.DateTimeFormat {
  const key = `${language}|${kind}|${timeZone ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(language), { ...options[kind], ...(timeZone ? { timeZone } : {}) });
    cache.set(key, f);
  }
  return f;
}

function toDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** formatDateTime writes a moment (an RFC 3339 stamp, epoch ms or Date) with date and time, in this computer's zone unless timeZone is given. */
export function formatDateTime(value: string | number | Date, language: string, timeZone?: string): string {
  const d = toDate(value);
  return d ? formatter(language, 'dateTime', timeZone).format(d) : String(value);
}

/** formatTime writes the time of day of a moment, 24-hour, always with two-digit hours and minutes. */
export function formatTime(value: string | number | Date, language: string, timeZone?: string): string {
  const d = toDate(value);
  return d ? formatter(language, 'time', timeZone).format(d) : String(value);
}

/**
 * formatDay writes a calendar day ("2027-03-05", the form posts store) with
 * its weekday; a day is not a moment, so it is read and written in UTC and
 * never shifts with the computer's zone. Anything else is returned as is.
 */
export function formatDay(day: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = toDate(`${day}T00:00:00Z`);
  return d ? formatter(language, 'date', 'UTC').format(d) : day;
}

/** formatMonth writes the short name of a month (0-11). */
export function formatMonth(month: number, language: string): string {
  return formatter(language, 'month', 'UTC').format(new Date(Date.UTC(2000, month, 1)));
}

/** formatWallTime writes a post's wall-clock time ("09:07", as stored) the way the language writes times. */
export function formatWallTime(time: string, language: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return time;
  return formatter(language, 'time', 'UTC').format(new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))));
}

/** formatDayTime writes a post's day and optional wall-clock time. */
export function formatDayTime(day: string, time: string, language: string): string {
  return time ? `${formatDay(day, language)} ${formatWallTime(time, language)}` : formatDay(day, language);
}

/** useDates returns the formatters bound to the window's current language. */
export function useDates() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    locale: intlLocale(lang),
    dateTime: (v: string | number | Date, timeZone?: string) => formatDateTime(v, lang, timeZone),
    time: (v: string | number | Date, timeZone?: string) => formatTime(v, lang, timeZone),
    day: (d: string) => formatDay(d, lang),
    wallTime: (t: string) => formatWallTime(t, lang),
    dayTime: (d: string, t: string) => formatDayTime(d, t, lang),
    month: (m: number) => formatMonth(m, lang),
  };
}

/**
 * wallClockIn is the YYYY-MM-DD HH:MM wall clock of instant ms in zone, for
 * time-zone arithmetic (never shown as is: show dates with the formatters above).
 */
export function wallClockIn(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
