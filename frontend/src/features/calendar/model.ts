// Pure helpers of the calendar screen: what each channel's text is and how
// long, how posts become calendar events, and how a dropped event's time
// becomes a post's date and time.
import type { EventInput } from '@fullcalendar/core';
import { countText, graphemes } from '../../shared/lib/textcount';
import { addDays } from '../../shared/lib/days';

export interface ChannelLike {
  id: string;
  network: string;
  handle: string;
  color: string;
}
export interface NetworkLike {
  id: string;
  name: string;
  /** charLimit is the workspace's effective limit, in the network's counting units. */
  charLimit: number;
  /** counting is how the network counts ('weighted' for X, 'graphemes' for Bluesky, else code points). */
  counting?: string;
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
  /** check is the style guide's worst finding in the post's texts ('error', 'warning' or none), when the list asked for it. */
  check?: string;
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
  return graphemes(text).length;
}

export interface ChannelCount {
  channelId: string;
  label: string;
  count: number;
  limit: number;
  over: boolean;
}

/**
 * channelCounts says, for each channel of a post, how long its text is
 * against the network's limit, counted as the network counts (X weighs CJK
 * and emoji 2 and links 23), as the Go checker does.
 */
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
    const count = countText(text, net?.counting ?? 'graphemes');
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

/** networksOf lists the networks of a post's channels, each once, in the post's order. */
export function networksOf(channelIds: string[], byId: Map<string, ChannelLike>): string[] {
  const out: string[] = [];
  for (const id of channelIds) {
    const n = byId.get(id)?.network;
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** postEvent is one post as a calendar event (campaigns and channels looked up in maps, not lists). */
function postEvent(p: PostLike, channels: Map<string, ChannelLike>, campaigns: Map<string, CampaignLike>, colorBy: ColorBy, order: number): EventInput {
  const first = channels.get(p.channels[0]);
  const camp = campaigns.get(p.campaignId);
  const color = colorBy === 'status' ? statusColors[p.status] : colorBy === 'campaign' ? camp?.color || '#adb5bd' : first?.color || '#4c6ef5';
  return {
    id: eventId(p),
    // Titles are text: FullCalendar renders them with textContent.
    title: p.seriesId || p.rrule ? `↻ ${p.title}` : p.title,
    start: p.time ? `${p.date}T${p.time}:00` : p.date,
    allDay: !p.time,
    backgroundColor: color,
    borderColor: color,
    extendedProps: {
      kind: 'post',
      order,
      time: p.time,
      networks: networksOf(p.channels, channels),
      status: p.status,
      postId: p.id,
      seriesId: p.seriesId ?? '',
      occurrence: p.occurrence ?? '',
      check: p.check ?? '',
    },
  };
}

function campaignEvents(campaigns: CampaignLike[]): EventInput[] {
  return campaigns.map((c) => ({
    id: `campaign:${c.id}`,
    title: c.name,
    start: c.startsOn,
    end: addDays(c.endsOn, 1), // FullCalendar's end is exclusive
    allDay: true,
    display: 'background',
    // The band's tint is drawn inside it (calendar.css), so its label keeps full opacity.
    backgroundColor: 'transparent',
    extendedProps: { kind: 'campaign', color: c.color || '#d0bfff' },
  }));
}

/** toEvents turns dated posts into calendar events and campaigns into background spans. */
export function toEvents(posts: PostLike[], channels: ChannelLike[], campaigns: CampaignLike[], colorBy: ColorBy): EventInput[] {
  const chans = new Map(channels.map((c) => [c.id, c]));
  const camps = new Map(campaigns.map((c) => [c.id, c]));
  const events: EventInput[] = [];
  for (const p of posts) if (p.date) events.push(postEvent(p, chans, camps, colorBy, events.length));
  return [...events, ...campaignEvents(campaigns)];
}

/** MONTH_CELL_POSTS is how many posts a day of the month grid shows before "+N more". */
export const MONTH_CELL_POSTS = 3;

/**
 * monthEvents is toEvents for the month grid: each day gets its first
 * perDay posts (in the list's order: by time) and, when it has more, one
 * "+N more" entry that opens the day. A busy month (2,000 posts, 70 on a
 * day) is then about 170 events for the calendar to lay out instead of
 * 2,000 it would measure and hide.
 */
export function monthEvents(
  posts: PostLike[],
  channels: ChannelLike[],
  campaigns: CampaignLike[],
  colorBy: ColorBy,
  perDay = MONTH_CELL_POSTS,
): EventInput[] {
  const chans = new Map(channels.map((c) => [c.id, c]));
  const camps = new Map(campaigns.map((c) => [c.id, c]));
  const byDay = new Map<string, PostLike[]>();
  for (const p of posts) {
    if (!p.date) continue;
    const day = byDay.get(p.date);
    if (day) day.push(p);
    else byDay.set(p.date, [p]);
  }
  const events: EventInput[] = [];
  for (const [date, list] of byDay) {
    // The posts come sorted by date and time; all-day ones go first, as the calendar would put them.
    const sorted = [...list.filter((p) => !p.time), ...list.filter((p) => p.time)];
    const shown = sorted.length > perDay + 1 ? sorted.slice(0, perDay) : sorted;
    shown.forEach((p, i) => events.push(postEvent(p, chans, camps, colorBy, i)));
    if (shown.length < sorted.length) {
      events.push({
        id: `more:${date}`,
        title: '',
        start: date,
        allDay: true,
        editable: false,
        classNames: ['pd-more'],
        backgroundColor: 'transparent',
        borderColor: 'transparent',
        extendedProps: { kind: 'more', order: perDay + 1, day: date, count: sorted.length - shown.length },
      });
    }
  }
  return [...events, ...campaignEvents(campaigns)];
}

/**
 * monthGridRange is the six weeks the month grid shows for the month of
 * day (weeks start on Monday), so the list of that month can read the
 * grid's posts from the cache instead of asking again.
 */
export function monthGridRange(day: string): { from: string; to: string } {
  const first = `${day.slice(0, 7)}-01`;
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const from = addDays(first, -weekday);
  return { from, to: addDays(from, 41) };
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
