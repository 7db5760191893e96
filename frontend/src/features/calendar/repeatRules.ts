// Pure rules of the repeat fields and of post times, kept apart from the
// components so they are tested without rendering.
import type { Repeat } from '../../shared/api/calendar';
import { wallClockIn } from '../../shared/lib/datetime';

const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** weekdayOf is the RRULE code (MO..SU) of a YYYY-MM-DD day, or '' when there is none. */
export function weekdayOf(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? '' : CODES[d.getUTCDay()];
}

export type RepeatEnd = 'never' | 'until' | 'count';

/**
 * repeatProblem says which repeat number cannot be saved: an interval below 1
 * (once saved as 1) or, when the series ends after a number of posts, a count
 * below 1 (once a series without end). null when both are fine.
 */
export function repeatProblem(r: Repeat | null, end: RepeatEnd): 'interval' | 'count' | null {
  if (!r) return null;
  if (!Number.isInteger(r.interval) || r.interval < 1 || r.interval > 99) return 'interval';
  if (end === 'count' && (!Number.isInteger(r.count) || r.count < 1 || r.count > 1000)) return 'count';
  return null;
}

/** offsetAt is zone's offset from UTC at instant ms, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const [d, t] = wallClockIn(ms, zone).split(' ');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  return Date.UTC(y, mo - 1, da, h, mi) - Math.floor(ms / 60000) * 60000;
}

/**
 * skippedTime returns the time (HH:MM) a post at date and time in zone comes
 * to when the clocks skip that time on that day (02:30 on the night Berlin
 * moves to summer time comes to 03:30), or null when the time exists. The
 * backend saves the post at that time too.
 */
export function skippedTime(date: string, time: string, zone: string): string | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm || !zone) return null;
  const wall = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]));
  const want = `${date} ${time}`;
  try {
    for (const guess of [offsetAt(wall, zone), offsetAt(wall - 86_400_000, zone), offsetAt(wall + 86_400_000, zone)]) {
      if (wallClockIn(wall - guess, zone) === want) return null;
    }
    // No offset gives that wall clock: read it with the offset in force
    // before the change, as the backend (and RFC 5545) does.
    return wallClockIn(wall - offsetAt(wall - 86_400_000, zone), zone).slice(11);
  } catch {
    return null; // a zone this browser does not know
  }
}
