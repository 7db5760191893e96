// Typed adapter over the generated calendar bindings.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as Cal from '../../../wailsjs/go/api/Calendar';
import * as App from '../../../wailsjs/go/main/App';
import { calendar, checker } from '../../../wailsjs/go/models';
import { call } from '../lib/bridge';
import { markStart } from '../lib/perf';

export type Post = calendar.Post;
export type Channel = calendar.Channel;
export type Campaign = calendar.Campaign;
export type Comment = calendar.Comment;
export type PostEvent = calendar.Event;
export type Acknowledged = calendar.Acknowledged;
export type Finding = checker.Finding;
export type VariantFindings = calendar.VariantFindings;

/** Repeat is how a series repeats (see calendar.Repeat in Go). */
export interface Repeat {
  freq: 'daily' | 'weekly' | 'monthly';
  interval: number;
  weekdays: string[];
  monthlyBy: '' | 'day' | 'weekday' | 'lastWeekday';
  count: number;
  until: string;
}

export type Status = 'idea' | 'draft' | 'in_review' | 'changes_requested' | 'approved' | 'scheduled' | 'published' | 'archived';
export const STATUSES: Status[] = ['idea', 'draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published', 'archived'];
export const RATINGS = ['G', 'PG', 'PG-13'] as const;

export interface PostInput {
  title: string;
  body: string;
  channels: string[];
  variants: Record<string, string>;
  date: string;
  time: string;
  ownerId: string;
  approverId: string;
  campaignId: string;
  labels: string[];
  rating: string;
  /** repeat makes the post a series starting on date; null: no repeat. */
  repeat: Repeat | null;
  /** exdates are a series' skipped days; null keeps them as they are. */
  exdates: string[] | null;
}

export interface PostFilter {
  from?: string;
  to?: string;
  unplanned?: boolean;
  channelId?: string;
  campaignId?: string;
  ownerId?: string;
  status?: string;
  label?: string;
  network?: string;
  /** marks fills each post's check ('error', 'warning' or empty) from the style guide, in the same call. */
  marks?: boolean;
}

export interface ChannelInput {
  network: string;
  handle: string;
  color: string;
  ownerId: string;
  cadence: number;
}

export interface CampaignInput {
  name: string;
  kind: string;
  goal: string;
  description: string;
  startsOn: string;
  endsOn: string;
  color: string;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  posts: (f: PostFilter) => ['calendar', 'posts', f] as const,
  post: (id: string) => ['calendar', 'post', id] as const,
  channels: ['calendar', 'channels'] as const,
  campaigns: ['calendar', 'campaigns'] as const,
  comments: (id: string) => ['calendar', 'comments', id] as const,
  history: (id: string) => ['calendar', 'history', id] as const,
  moves: (s: string) => ['calendar', 'moves', s] as const,
};

const filter = (f: PostFilter) =>
  calendar.Filter.createFrom({ from: '', to: '', unplanned: false, channelId: '', campaignId: '', ownerId: '', status: '', label: '', network: '', marks: false, ...f });

/** useLabels lists the labels in use on posts (for the calendar's filter). */
export function useLabels() {
  return useQuery({ queryKey: ['calendar', 'labels'], queryFn: () => call(() => Cal.Labels()) });
}

/** usePosts lists posts; measure (shared/lib/perf) starts a performance measure when they arrive. */
export function usePosts(f: PostFilter, measure?: string) {
  return useQuery({
    queryKey: calendarKeys.posts(f),
    queryFn: async () => {
      const posts = await call(() => Cal.Posts(filter(f)));
      if (measure) markStart(measure);
      return posts;
    },
  });
}

/** useAwaitingApproval lists the posts in review that the member using this computer may approve. */
export function useAwaitingApproval() {
  return useQuery({ queryKey: ['calendar', 'awaiting'], queryFn: () => call(() => Cal.AwaitingMyApproval()) });
}

/**
 * usePost reads one post. Until it arrives, the copy in a post list already
 * loaded (the month on screen) stands in, so the editor opens at once; a
 * series' day there differs from the series, so it never stands in.
 */
export function usePost(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: calendarKeys.post(id ?? ''),
    queryFn: () => call(() => Cal.Post(id!)),
    enabled: !!id,
    placeholderData: () => {
      for (const [, posts] of qc.getQueriesData<Post[]>({ queryKey: ['calendar', 'posts'] })) {
        const p = posts?.find((x) => x.id === id && !x.occurrence);
        if (p) return p;
      }
      return undefined;
    },
  });
}

export function useChannels() {
  return useQuery({ queryKey: calendarKeys.channels, queryFn: () => call(() => Cal.Channels()) });
}

export function useCampaigns() {
  return useQuery({ queryKey: calendarKeys.campaigns, queryFn: () => call(() => Cal.Campaigns()) });
}

export function useComments(id: string) {
  return useQuery({ queryKey: calendarKeys.comments(id), queryFn: () => call(() => Cal.Comments(id)) });
}

export function useHistory(id: string) {
  return useQuery({ queryKey: calendarKeys.history(id), queryFn: () => call(() => Cal.History(id)) });
}

export function useMoves(status: string) {
  return useQuery({ queryKey: calendarKeys.moves(status), queryFn: () => call(() => Cal.Moves(status)), staleTime: Infinity });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: calendarKeys.all });
}

const postInput = (p: PostInput) => calendar.PostInput.createFrom({ ...p, repeat: p.repeat ?? undefined, exdates: p.exdates ?? undefined });

export function useAddPost() {
  const done = useDone();
  return useMutation({ mutationFn: (p: PostInput) => call(() => Cal.AddPost(postInput(p))), onSuccess: done });
}

export function useUpdatePost() {
  const done = useDone();
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: PostInput }) => call(() => Cal.UpdatePost(id, postInput(input))), onSuccess: done });
}

/** useEditOccurrence changes one post of a series only. */
export function useEditOccurrence() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ seriesId, day, input }: { seriesId: string; day: string; input: PostInput }) =>
      call(() => Cal.EditOccurrence(seriesId, day, postInput({ ...input, repeat: null, exdates: null }))),
    onSuccess: done,
  });
}

/** useDetachOccurrence makes one post of a series a post of its own. */
export function useDetachOccurrence() {
  const done = useDone();
  return useMutation({ mutationFn: ({ seriesId, day }: { seriesId: string; day: string }) => call(() => Cal.DetachOccurrence(seriesId, day)), onSuccess: done });
}

/** useSkipOccurrence leaves one day out of a series. */
export function useSkipOccurrence() {
  const done = useDone();
  return useMutation({ mutationFn: ({ seriesId, day }: { seriesId: string; day: string }) => call(() => Cal.SkipOccurrence(seriesId, day)), onSuccess: done });
}

export function useDeletePost() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Cal.DeletePost(id)), onSuccess: done });
}

/**
 * useMovePost moves a post through the workflow. ackWarnings approves it
 * despite the style guide's warnings (refused without it with
 * post.check_warnings, whose params list them); the history keeps them.
 */
export function useMovePost() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, to, note, ackWarnings }: { id: string; to: Status; note?: string; ackWarnings?: boolean }) =>
      call(() => (ackWarnings ? Cal.MoveWithAck(id, to, note ?? '', true) : Cal.MovePost(id, to, note ?? ''))),
    onSuccess: done,
  });
}

/** checkDraft returns the style guide's findings for each channel's text of a draft as the editor holds it. */
export function checkDraft(input: PostInput): Promise<VariantFindings[]> {
  return call(() => Cal.CheckDraft(calendar.PostInput.createFrom(input)));
}

/** useNeedsLook lists the approved posts the style guide now finds errors in (the guide changed since). */
export function useNeedsLook() {
  return useQuery({ queryKey: ['calendar', 'needsLook'], queryFn: () => call(() => Cal.NeedsLook()) });
}

export function useAddComment() {
  const done = useDone();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: string }) => call(() => Cal.AddComment(id, body)), onSuccess: done });
}

export function useAddChannel() {
  const done = useDone();
  return useMutation({ mutationFn: (c: ChannelInput) => call(() => Cal.AddChannel(calendar.ChannelInput.createFrom(c))), onSuccess: done });
}

/** useUpdateChannel changes a channel in place (its posts keep it). */
export function useUpdateChannel() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ChannelInput }) => call(() => Cal.UpdateChannel(id, calendar.ChannelInput.createFrom(input))),
    onSuccess: done,
  });
}

export function useDeleteChannel() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Cal.DeleteChannel(id)), onSuccess: done });
}

export function useAddCampaign() {
  const done = useDone();
  return useMutation({ mutationFn: (c: CampaignInput) => call(() => Cal.AddCampaign(calendar.CampaignInput.createFrom(c))), onSuccess: done });
}

/** useUpdateCampaign changes a campaign in place (its posts keep it). */
export function useUpdateCampaign() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: CampaignInput }) => call(() => Cal.UpdateCampaign(id, calendar.CampaignInput.createFrom(input))),
    onSuccess: done,
  });
}

export function useDeleteCampaign() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Cal.DeleteCampaign(id)), onSuccess: done });
}

/** toInput turns a stored post into the editor's input. */
export function toInput(p: Post): PostInput {
  return {
    title: p.title,
    body: p.body,
    channels: [...p.channels],
    variants: { ...p.variants },
    date: p.date,
    time: p.time,
    ownerId: p.ownerId,
    approverId: p.approverId,
    campaignId: p.campaignId,
    labels: [...p.labels],
    rating: p.rating,
    repeat: p.repeat ? ({ ...p.repeat, weekdays: [...(p.repeat.weekdays ?? [])] } as Repeat) : null,
    exdates: [...(p.exdates ?? [])],
  };
}

export type Attachment = calendar.Attachment;

/** MAX_ATTACHMENT_BYTES mirrors the backend's limit, to refuse a huge file before reading it. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

export function useAttachments(postId: string) {
  // A new post ('' until saved) has no files yet.
  return useQuery({ queryKey: ['calendar', 'attachments', postId], queryFn: () => call(() => Cal.Attachments(postId)), enabled: !!postId });
}

/** useAttachmentURL gives a data: URL of a file that is here (for image previews). */
export function useAttachmentURL(a: Attachment, enabled: boolean) {
  return useQuery({
    queryKey: ['calendar', 'attachment', a.id, a.state],
    queryFn: async () => `data:${a.mime};base64,${await call(() => Cal.AttachmentContent(a.id))}`,
    enabled: enabled && a.state === 'here',
    staleTime: Infinity,
  });
}

export function useAddAttachment() {
  const done = useDone();
  return useMutation({
    mutationFn: async ({ resolveId, file }: { resolveId: () => Promise<string>; file: File }) => {
      const content = await toBase64(file);
      const postId = await resolveId();
      return call(() => Cal.AddAttachment(postId, file.name, content));
    },
    onSuccess: done,
  });
}

/** saveAttachment asks where to save a file and writes it there (false: cancelled). */
export const saveAttachment = (id: string, name: string) => call(() => App.SaveAttachment(id, name));

export function useRemoveAttachment() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => call(() => Cal.RemoveAttachment(id)), onSuccess: done });
}

/** toBase64 reads a file picked in the window as base64, in chunks (large files overflow one call). */
export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export type Hit = calendar.Hit;
export type GapReport = calendar.GapReport;

/** useGaps lists channels short of their cadence in the next 14 days. */
export function useGaps() {
  return useQuery({ queryKey: ['calendar', 'gaps'], queryFn: () => call(() => Cal.Gaps('')) });
}

/** useSearch finds posts by a word of their texts or comments. */
export function useSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: ['calendar', 'search', q],
    queryFn: () => call(() => Cal.Search(q)),
    enabled: q.length >= 2,
    // While the next key's answer is on its way the last one stays shown.
    placeholderData: keepPreviousData,
  });
}
