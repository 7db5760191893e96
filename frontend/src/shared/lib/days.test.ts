import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, todayIn } from './days';

describe('addDays', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('counts days across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-12-01', 41)).toBe('2027-01-11');
    expect(addDays('2026-12-01', 0)).toBe('2026-12-01');
  });

  it('gives the same day across daylight-saving changes, whatever zone this computer is in', () => {
    // Clocks change on these days in these zones; a local-time sum would
    // land on 23:00 of the day before, or skip a day.
    for (const tz of ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Apia', 'Asia/Jakarta']) {
      vi.stubEnv('TZ', tz);
      expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
      expect(addDays('2027-03-14', 1)).toBe('2027-03-15');
      expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
      expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
      expect(addDays('2027-04-04', -1)).toBe('2027-04-03');
      expect(addDays('2027-03-01', 7)).toBe('2027-03-08');
    }
  });

  it('refuses what is not a day', () => {
    expect(() => addDays('2026-12-01T10:00', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('todayIn', () => {
  it("is the workspace zone's day, not this computer's", () => {
    // 2026-12-01 20:00 UTC is already 2 December in Jakarta and still 1 December in New York.
    const at = Date.UTC(2026, 11, 1, 20, 0);
    expect(todayIn('Asia/Jakarta', at)).toBe('2026-12-02');
    expect(todayIn('America/New_York', at)).toBe('2026-12-01');
  });
});
