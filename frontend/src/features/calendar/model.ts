// Pure helpers of the calendar screen: what each channel's text is and how
// long, how posts become calendar events, and how a dropped event's time
// becomes a post's date and time.
import type { EventInput } from '@fullcalendar/core';

export interface ChannelLike {
  id: string;
  network: string;
  handle: string;
  color: string;
}
export interface NetworkLike {
  id: string;
  name: string;
  charLimit: number;
}
export interface PostLike {
  id: string;
  title: string;
  body: string;
  channels: string[];
  variants: Record<string, string>;
  date: string;
  time: string;
  status: string;
  campaignId: string;
  /** seriesId and occurrence mark one post of a series (see calendar.Post). */
  seriesId?: string;
  occurrence?: string;
  rrule?: string;
}
export interface CampaignLike {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  color: string;
}

/** length counts characters as people see them (an emoji is one). */
export function length(text: string): number {
  const Seg = (Intl as unknown as { Segmenter?: new (l?: string, o?: object) => { segment(s: string): Iterable<unknown> } }).Segmenter;
  if (Seg) return [...new Seg(undefined, { granularity: 'grapheme' }).segment(text)].length;
  return [...text].length;
}

export interface ChannelCount {
  channelId: string;
  label: string;
  count: number;
  limit: number;
  over: boolean;
}

/** channelCounts says, for each channel of a post, how long its text is against the network's limit. */
export function channelCounts(
  post: Pick<PostLike, 'body' | 'channels' | 'variants'>,
  channels: ChannelLike[],
  networks: NetworkLike[],
): ChannelCount[] {
  return post.channels.flatMap((id) => {
    const ch = channels.find((c) => c.id === id);
    if (!ch) return [];
    const net = networks.find((n) => n.id === ch.network);
    const text = post.variants[id] ?? post.body;
    const count = length(text);
    const limit = net?.charLimit ?? 0;
    return [{ channelId: id, label: `${net?.name ?? ch.network} ${ch.handle}`, count, limit, over: limit > 0 && count > limit }];
  });
}

export type ColorBy = 'channel' | 'campaign' | 'status';

export const statusColors: Record<string, string> = {
  idea: '#868e96',
  draft: '#74c0fc',
  in_review: '#fab005',
  changes_requested: '#fa5252',
  approved: '#40c057',
  scheduled: '#4c6ef5',
  published: '#2b8a3e',
  archived: '#adb5bd',
};

/** toEvents turns dated posts into calendar events and campaigns into background spans. */
export function toEvents(posts: PostLike[], channels: ChannelLike[], campaigns: CampaignLike[], colorBy: ColorBy): EventInput[] {
  const events: EventInput[] = posts
    .filter((p) => p.date)
    .map((p) => {
      const first = channels.find((c) => c.id === p.channels[0]);
      const camp = campaigns.find((c) => c.id === p.campaignId);
      const color =
        colorBy === 'status' ? statusColors[p.status] : colorBy === 'campaign' ? camp?.color || '#adb5bd' : first?.color || '#4c6ef5';
      return {
        id: eventId(p),
        // Titles are text: FullCalendar renders them with textContent.
        title: p.seriesId || p.rrule ? `↻ ${p.title}` : p.title,
        start: p.time ? `${p.date}T${p.time}:00` : p.date,
        allDay: !p.time,
        backgroundColor: color,
        borderColor: color,
        extendedProps: { kind: 'post', status: p.status, postId: p.id, seriesId: p.seriesId ?? '', occurrence: p.occurrence ?? '' },
      };
    });
  for (const c of campaigns) {
    events.push({
      id: `campaign:${c.id}`,
      title: c.name,
      start: c.startsOn,
      end: addDays(c.endsOn, 1), // FullCalendar's end is exclusive
      allDay: true,
      display: 'background',
      backgroundColor: c.color || '#d0bfff',
      extendedProps: { kind: 'campaign' },
    });
  }
  return events;
}

/**
 * eventId is unique per calendar entry: the occurrences of a series that
 * were not edited on their own share the series' id, so their day is added.
 */
export function eventId(p: Pick<PostLike, 'id' | 'seriesId' | 'occurrence'>): string {
  return p.seriesId && p.seriesId === p.id && p.occurrence ? `${p.id}@${p.occurrence}` : p.id;
}

/** isVirtualOccurrence says whether p is a series' occurrence not yet edited on its own. */
export function isVirtualOccurrence(p: Pick<PostLike, 'id' | 'seriesId' | 'occurrence'>): boolean {
  return !!p.seriesId && p.seriesId === p.id && !!p.occurrence;
}

/** addDays adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * fromCalendarDate reads a date the calendar gives back. The calendar runs
 * in UTC mode on wall-clock values of the workspace's zone, so the UTC
 * fields are the workspace's date and time, whatever zone this computer is in.
 */
export function fromCalendarDate(d: Date, allDay: boolean): { date: string; time: string } {
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: allDay ? '' : iso.slice(11, 16) };
}

/** monthRange is the first and last day shown around a date (a 6-week grid). */
export function visibleRange(start: Date, end: Date): { from: string; to: string } {
  return { from: start.toISOString().slice(0, 10), to: addDays(end.toISOString().slice(0, 10), -1) };
}
