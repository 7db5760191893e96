import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatDayTime, formatMonth, formatTime, formatWallTime, intlLocale } from './datetime';

describe('dates and times follow the window language', () => {
  it('writes a moment in Indonesian with Indonesian month names and a 24-hour clock', () => {
    const s = formatDateTime('2027-03-05T14:07:00Z', 'id', 'UTC');
    expect(s).toBe('5 Mar 2027, 14.07');
    expect(formatDateTime('2027-08-05T14:07:00Z', 'id', 'UTC')).toContain('Agu');
    expect(s).not.toMatch(/PM|AM|3\/5\/2027/);
  });

  it('writes English day first with a 24-hour clock, never the US way', () => {
    expect(formatDateTime('2027-03-05T14:07:00Z', 'en', 'UTC')).toBe('5 Mar 2027, 14:07');
  });

  it('gives every time the same shape, so a month view never mixes "08" and "9:07"', () => {
    const at = (h: number, m: number) => new Date(Date.UTC(2027, 2, 5, h, m));
    expect([formatTime(at(8, 0), 'id', 'UTC'), formatTime(at(9, 7), 'id', 'UTC'), formatTime(at(21, 30), 'id', 'UTC')]).toEqual(['08.00', '09.07', '21.30']);
    expect([formatTime(at(8, 0), 'en', 'UTC'), formatTime(at(9, 7), 'en', 'UTC')]).toEqual(['08:00', '09:07']);
    expect(formatWallTime('9:07', 'id')).toBe('09.07');
  });

  it('writes a post day with its weekday in the language, the same day in every zone', () => {
    expect(formatDay('2027-03-07', 'id')).toBe('Min, 7 Mar 2027');
    expect(formatDay('2027-03-07', 'en')).toBe('Sun, 7 Mar 2027');
    expect(formatDayTime('2027-03-07', '08:00', 'id')).toBe('Min, 7 Mar 2027 08.00');
    expect(formatDay('not a day', 'id')).toBe('not a day');
    expect(formatMonth(7, 'id')).toBe('Agu');
    expect(intlLocale('id')).toBe('id-ID');
  });
});

// Every date on screen goes through the formatter above: a stray
// toLocaleString() follows the computer's locale (US on most installs), not
// the language chosen in Postdeck.
describe('no screen formats dates on its own', () => {
  const sources = import.meta.glob(['../../**/*.{ts,tsx}', '!../../**/*.test.{ts,tsx}', '!./datetime.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it('uses shared/lib/datetime instead of toLocale*String or a locale of its own', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /toLocale(Date|Time)?String\(|new Intl\.DateTimeFormat|'en-GB'|'id-ID'/.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
