import { describe, expect, it } from 'vitest';
import { nextDay, parseHandoverNote } from './teamhealth';

describe('hand-over entries in a post history', () => {
  it('reads the owner and approval hand-overs the backend writes', () => {
    expect(parseHandoverNote('handover:owner:ana:budi')).toEqual({ role: 'owner', from: 'ana', to: 'budi' });
    expect(parseHandoverNote('handover:approval:ana:budi')).toEqual({ role: 'approval', from: 'ana', to: 'budi' });
  });

  it('leaves a comment that only looks like one as a comment', () => {
    expect(parseHandoverNote('Please fix the handover: typo')).toBeNull();
    expect(parseHandoverNote('handover:owner:a:b:c')).toBeNull();
  });
});

describe('absences on the calendar', () => {
  it('ends an all-day marker the day after the last day away, across months, years and leap days', () => {
    expect(nextDay('2027-03-05')).toBe('2027-03-06');
    expect(nextDay('2027-02-28')).toBe('2027-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
