import { wallClockIn } from './datetime';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * addDays adds n days (n may be negative) to a YYYY-MM-DD day and returns a
 * YYYY-MM-DD day. It counts calendar days on the date alone, in UTC, so this
 * computer's zone and its daylight-saving changes never shift the result
 * (local-time arithmetic skips or repeats a day around a clock change).
 */
export function addDays(day: string, n: number): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`addDays: not a YYYY-MM-DD day: ${day}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
  const y = d.getUTCFullYear();
  const year = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * todayIn is today's YYYY-MM-DD in the workspace's time zone: the day the
 * team sees on the calendar, whatever zone this computer is set to.
 * now is for tests.
 */
export function todayIn(zone: string, now: number = Date.now()): string {
  return wallClockIn(now, zone).slice(0, 10);
}
