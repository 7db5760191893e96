// The year plan: campaigns as bars on a timeline of one year, each in the
// first lane where it does not overlap another.
import type { CampaignLike } from './model';

export interface Bar<C extends CampaignLike = CampaignLike> {
  campaign: C;
  lane: number;
  /** left and width are percentages of the year. */
  left: number;
  width: number;
  /** clippedStart/End say the campaign goes on before or after this year. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

const DAY = 86_400_000;

function dayIndex(date: string, year: number): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY);
}

/** daysIn is the number of days of a year. */
export function daysIn(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
}

/** yearBars places the campaigns that touch year on the timeline, in lanes. */
export function yearBars<C extends CampaignLike>(campaigns: C[], year: number): { bars: Bar<C>[]; lanes: number } {
  const total = daysIn(year);
  const inYear = campaigns
    .filter((c) => c.startsOn && c.endsOn && c.startsOn <= `${year}-12-31` && c.endsOn >= `${year}-01-01`)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || b.endsOn.localeCompare(a.endsOn) || a.name.localeCompare(b.name));
  const laneEnds: number[] = []; // last day used in each lane
  const bars = inYear.map((c) => {
    const start = Math.max(0, dayIndex(c.startsOn, year));
    const end = Math.min(total - 1, dayIndex(c.endsOn, year));
    let lane = laneEnds.findIndex((last) => last < start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else laneEnds[lane] = end;
    return {
      campaign: c,
      lane,
      left: (start / total) * 100,
      width: ((end - start + 1) / total) * 100,
      clippedStart: c.startsOn < `${year}-01-01`,
      clippedEnd: c.endsOn > `${year}-12-31`,
    };
  });
  return { bars, lanes: laneEnds.length };
}

/** dayLeft is where a day sits on the year's timeline, as a percentage. */
export function dayLeft(date: string, year: number): number {
  return (dayIndex(date, year) / daysIn(year)) * 100;
}

/** monthStarts are the left edges of the twelve months, as percentages of the year. */
export function monthStarts(year: number): number[] {
  const total = daysIn(year);
  return Array.from({ length: 12 }, (_, m) => ((Date.UTC(year, m, 1) - Date.UTC(year, 0, 1)) / DAY / total) * 100);
}

/**
 * campaignLink is where a campaign's bar leads: the calendar filtered to the
 * campaign and opened on its first day, not on today's month.
 */
export function campaignLink(c: { id: string; startsOn: string }): string {
  const q = new URLSearchParams({ campaign: c.id });
  if (c.startsOn) q.set('date', c.startsOn);
  return `/calendar?${q}`;
}
