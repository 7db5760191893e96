import { describe, expect, it } from 'vitest';
import { campaignLink, daysIn, monthStarts, yearBars } from './year';

const c = (name: string, startsOn: string, endsOn: string) => ({ id: name, name, startsOn, endsOn, color: '' });

describe('yearBars', () => {
  it('puts overlapping campaigns in separate lanes and reuses a lane once it is free', () => {
    const { bars, lanes } = yearBars(
      [c('Ramadan', '2027-02-08', '2027-03-09'), c('Lebaran', '2027-03-01', '2027-03-15'), c('Merdeka', '2027-08-01', '2027-08-17')],
      2027,
    );
    expect(lanes).toBe(2);
    expect(bars.map((b) => [b.campaign.name, b.lane])).toEqual([
      ['Ramadan', 0],
      ['Lebaran', 1],
      ['Merdeka', 0],
    ]);
    const merdeka = bars[2];
    expect(merdeka.left).toBeCloseTo((212 / 365) * 100, 5); // 1 August is day 212 of 2027
    expect(merdeka.width).toBeCloseTo((17 / 365) * 100, 5);
  });

  it('clips campaigns that cross the year and leaves out other years', () => {
    const { bars } = yearBars([c('Akhir tahun', '2026-12-15', '2027-01-10'), c('Old', '2025-01-01', '2025-02-01')], 2027);
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ left: 0, clippedStart: true, clippedEnd: false });
    expect(bars[0].width).toBeCloseTo((10 / 365) * 100, 5);
  });

  it('knows leap years', () => {
    expect(daysIn(2028)).toBe(366);
    expect(monthStarts(2028)[2]).toBeCloseTo((60 / 366) * 100, 5);
  });
});

describe('campaignLink', () => {
  it('opens the calendar filtered to the campaign on its first day', () => {
    const url = new URL(campaignLink({ id: 'c 1', startsOn: '2026-12-12' }), 'http://x');
    expect(url.pathname).toBe('/calendar');
    expect(url.searchParams.get('campaign')).toBe('c 1');
    expect(url.searchParams.get('date')).toBe('2026-12-12');
  });
});
