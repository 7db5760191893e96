import { describe, expect, it } from 'vitest';
import { repeatProblem, skippedTime, weekdayOf } from './repeatRules';

const weekly = { freq: 'weekly' as const, interval: 1, weekdays: [], monthlyBy: '' as const, count: 0, until: '' };

describe('repeat rules', () => {
  it('names the weekday of the start day, to tick it by default', () => {
    expect(weekdayOf('2027-03-01')).toBe('MO');
    expect(weekdayOf('2027-03-04')).toBe('TH');
    expect(weekdayOf('')).toBe('');
  });

  it('refuses every 0 and a count of 0 when the series ends after a number of posts', () => {
    expect(repeatProblem({ ...weekly, interval: 0 }, 'never')).toBe('interval');
    expect(repeatProblem({ ...weekly, count: 0 }, 'count')).toBe('count');
    expect(repeatProblem({ ...weekly, count: 0 }, 'never')).toBeNull();
    expect(repeatProblem({ ...weekly, count: 3 }, 'count')).toBeNull();
    expect(repeatProblem(null, 'count')).toBeNull();
  });
});

describe('skipped times', () => {
  it('says what a time the clocks skip comes to', () => {
    expect(skippedTime('2027-03-28', '02:30', 'Europe/Berlin')).toBe('03:30');
    expect(skippedTime('2027-03-14', '02:15', 'America/New_York')).toBe('03:15');
  });

  it('leaves times that exist alone, also the repeated hour in autumn and zones without daylight saving', () => {
    expect(skippedTime('2027-03-28', '03:30', 'Europe/Berlin')).toBeNull();
    expect(skippedTime('2027-10-31', '02:30', 'Europe/Berlin')).toBeNull();
    expect(skippedTime('2027-03-28', '02:30', 'Asia/Jakarta')).toBeNull();
    expect(skippedTime('2027-03-28', '', 'Europe/Berlin')).toBeNull();
  });
});
