import { describe, expect, it } from 'vitest';
import { channelCounts, eventId, fromCalendarDate, isVirtualOccurrence, length, MONTH_CELL_POSTS, monthEvents, monthGridRange, toEvents } from './model';
import { addDays } from '../../shared/lib/days';

const channels = [
  { id: 'ig', network: 'instagram', handle: '@kopi', color: '#e64980' },
  { id: 'x', network: 'x', handle: '@kopi', color: '#000000' },
];
const networks = [
  { id: 'instagram', name: 'Instagram', charLimit: 2200, counting: 'chars' },
  { id: 'x', name: 'X', charLimit: 280, counting: 'weighted' },
];

describe('channelCounts', () => {
  it('counts each channel\'s own text against its network\'s limit', () => {
    const counts = channelCounts({ body: 'a'.repeat(300), channels: ['ig', 'x'], variants: {} }, channels, networks);
    expect(counts.map((c) => [c.channelId, c.count, c.limit, c.over])).toEqual([
      ['ig', 300, 2200, false],
      ['x', 300, 280, true],
    ]);
    const fixed = channelCounts({ body: 'a'.repeat(300), channels: ['x'], variants: { x: 'short' } }, channels, networks);
    expect(fixed[0]).toMatchObject({ count: 5, over: false });
  });

  it('counts as X does: emoji and CJK weigh 2, a link 23', () => {
    const count = (text: string) => channelCounts({ body: text, channels: ['x'], variants: {} }, channels, networks)[0];
    expect(count('😀'.repeat(140))).toMatchObject({ count: 280, over: false });
    expect(count('👨‍👩‍👧‍👦'.repeat(141))).toMatchObject({ count: 282, over: true });
    expect(count('咖'.repeat(141))).toMatchObject({ count: 282, over: true });
    expect(count(`https://kopinusantara.id/${'p'.repeat(200)} ${'a'.repeat(256)}`)).toMatchObject({ count: 280, over: false });
  });

  it('counts an emoji or an accented letter as one character', () => {
    expect(length('☕️🇮🇩é')).toBe(3);
  });
});

describe('toEvents', () => {
  const posts = [
    { id: 'p1', title: '<img src=x onerror=alert(1)>', body: '', channels: ['ig'], variants: {}, date: '2026-12-01', time: '09:30', status: 'approved', campaignId: 'c1' },
    { id: 'p2', title: 'Idea', body: '', channels: [], variants: {}, date: '', time: '', status: 'idea', campaignId: '' },
    { id: 'p3', title: 'All day', body: '', channels: ['x'], variants: {}, date: '2026-12-02', time: '', status: 'draft', campaignId: '' },
  ];
  const campaigns = [{ id: 'c1', name: 'Ramadan', startsOn: '2026-12-01', endsOn: '2026-12-03', color: '#ffd43b' }];

  it('shows dated posts at their wall-clock time, ideas not at all, campaigns as spans', () => {
    const ev = toEvents(posts, channels, campaigns, 'channel');
    expect(ev.map((e) => e.id)).toEqual(['p1', 'p3', 'campaign:c1']);
    expect(ev[0]).toMatchObject({ start: '2026-12-01T09:30:00', allDay: false, backgroundColor: '#e64980' });
    expect(ev[1]).toMatchObject({ start: '2026-12-02', allDay: true });
    expect(ev[2]).toMatchObject({ start: '2026-12-01', end: '2026-12-04', display: 'background' });
  });

  it('colours by status or campaign when asked', () => {
    expect(toEvents(posts, channels, campaigns, 'status')[0].backgroundColor).toBe('#40c057');
    expect(toEvents(posts, channels, campaigns, 'campaign')[0].backgroundColor).toBe('#ffd43b');
  });
});

describe('dates', () => {
  it('reads dropped times as the workspace\'s wall clock', () => {
    expect(fromCalendarDate(new Date('2026-12-05T14:15:00Z'), false)).toEqual({ date: '2026-12-05', time: '14:15' });
    expect(fromCalendarDate(new Date('2026-12-05T00:00:00Z'), true)).toEqual({ date: '2026-12-05', time: '' });
  });
  it('adds days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('series in the calendar', () => {
  const base = { title: 'Tips', body: '', channels: ['ig'], variants: {}, time: '08:00', status: 'draft', campaignId: '' };
  it('gives each day of a series its own event, marked as repeating, and keeps a day edited alone as its own post', () => {
    const posts = [
      { ...base, id: 's1', date: '2026-12-07', seriesId: 's1', occurrence: '2026-12-07', rrule: 'FREQ=WEEKLY' },
      { ...base, id: 's1', date: '2026-12-21', seriesId: 's1', occurrence: '2026-12-21', rrule: 'FREQ=WEEKLY' },
      { ...base, id: 'own', date: '2026-12-15', seriesId: 's1', occurrence: '2026-12-14', title: 'Spesial' },
    ];
    const events = toEvents(posts, channels, [], 'channel');
    expect(events.map((e) => e.id)).toEqual(['s1@2026-12-07', 's1@2026-12-21', 'own']);
    expect(events.map((e) => e.title)).toEqual(['↻ Tips', '↻ Tips', '↻ Spesial']);
    expect(isVirtualOccurrence(posts[0])).toBe(true);
    expect(isVirtualOccurrence(posts[2])).toBe(false);
    expect(eventId({ id: 'p', seriesId: '', occurrence: '' })).toBe('p');
  });
});

describe('monthEvents', () => {
  const day = (date: string, n: number, time = '09:00') =>
    Array.from({ length: n }, (_, i) => ({ id: `${date}-${i}`, title: `Post ${i}`, body: '', channels: ['ig', 'x'], variants: {}, date, time, status: 'draft', campaignId: '' }));

  it('shows a few posts of a busy day and one "+N more" entry for the rest', () => {
    const events = monthEvents([...day('2027-03-10', 70), ...day('2027-03-11', 2)], channels, [], 'channel');
    const onTenth = events.filter((e) => e.start === '2027-03-10T09:00:00' || e.id === 'more:2027-03-10');
    expect(onTenth).toHaveLength(MONTH_CELL_POSTS + 1);
    expect(events.find((e) => e.id === 'more:2027-03-10')?.extendedProps).toMatchObject({ kind: 'more', day: '2027-03-10', count: 70 - MONTH_CELL_POSTS });
    expect(events.filter((e) => e.start === '2027-03-11T09:00:00')).toHaveLength(2);
    expect(events.some((e) => e.id === 'more:2027-03-11')).toBe(false);
  });

  it('never hides a single post behind "+1 more"', () => {
    const events = monthEvents(day('2027-03-10', MONTH_CELL_POSTS + 1), channels, [], 'channel');
    expect(events).toHaveLength(MONTH_CELL_POSTS + 1);
    expect(events.every((e) => e.extendedProps?.kind === 'post')).toBe(true);
  });

  it('gives each post its networks once, for the icons', () => {
    const [ev] = monthEvents(day('2027-03-10', 1), [...channels, { id: 'ig2', network: 'instagram', handle: '@b', color: '' }], [], 'channel');
    expect(ev.extendedProps?.networks).toEqual(['instagram', 'x']);
  });
});

describe('monthGridRange', () => {
  it('is the six weeks from the Monday on or before the 1st', () => {
    expect(monthGridRange('2026-11-17')).toEqual({ from: '2026-10-26', to: '2026-12-06' });
    expect(monthGridRange('2027-03-01')).toEqual({ from: '2027-03-01', to: '2027-04-11' });
  });
});
