import { parseHandoverNote } from '../../shared/api/teamhealth';
import { Alert, Badge, Button, Divider, Group, List, Modal, MultiSelect, SegmentedControl, Select, Stack, Switch, TagsInput, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { useMembers, useNetworks } from '../../shared/api/team';
import { useCan } from '../../shared/api/permissions';
import { GuardedButton } from '../../shared/ui/GuardedButton';
import {
  RATINGS,
  checkDraft,
  toInput,
  useAddComment,
  useAddPost,
  useCampaigns,
  useChannels,
  useComments,
  useDeletePost,
  useDetachOccurrence,
  useEditOccurrence,
  useHistory,
  useMovePost,
  useMoves,
  usePost,
  useSkipOccurrence,
  useUpdatePost,
  type Post,
  type Acknowledged,
  type PostInput,
  type Status,
} from '../../shared/api/calendar';
import { LintedText } from './LintedText';
import { countEmoji, countHashtags, messageOf } from './lint';
import { useCheckResult, useDraftChecks, type DraftChecks } from './draftChecks';
import { channelCounts, statusColors } from './model';
import { markEnd, PERF } from '../../shared/lib/perf';
import { AttachmentsPanel } from './AttachmentsPanel';
import { RepeatFields } from './RepeatFields';
import { ConfirmDelete } from './ConfirmDelete';
import { PostTemplateActions } from '../templates/PostTemplateActions';
import { formatDateTime, formatDay } from '../../shared/lib/datetime';
import { skippedTime } from './repeatRules';
import { useWorkspaceInfo } from '../../shared/api/workspace';

const empty: PostInput = {
  title: '',
  body: '',
  channels: [],
  variants: {},
  date: '',
  time: '',
  ownerId: '',
  approverId: '',
  campaignId: '',
  labels: [],
  rating: 'G',
  repeat: null,
  exdates: null,
};

type Scope = 'one' | 'all';

/** loadedInput is the form's content for a stored post, or for one day of its series (that day's date, no repeat of its own). */
function loadedInput(p: Post, occurrence?: string): PostInput {
  const loaded = toInput(p);
  return occurrence ? { ...loaded, date: occurrence, repeat: null, exdates: null } : loaded;
}

/**
 * PostEditor edits one post beside the calendar: text per channel, schedule,
 * repeat, workflow, comments. Opened on one day of a series (occurrence), it
 * changes that day only or, if the user says so, the whole series.
 */
export function PostEditor({
  postId,
  occurrence,
  defaults,
  onSaved,
  onClose,
}: {
  postId: string | null;
  occurrence?: string;
  defaults?: Partial<PostInput>;
  onSaved: (id: string) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const post = usePost(postId);
  const editOne = useEditOccurrence();
  const detach = useDetachOccurrence();
  const skip = useSkipOccurrence();
  const [scope, setScope] = useState<Scope>(occurrence ? 'one' : 'all');
  const one = !!occurrence && scope === 'one' && !!postId;
  const channels = useChannels();
  const campaigns = useCampaigns();
  const members = useMembers();
  const networks = useNetworks();
  const add = useAddPost();
  const update = useUpdatePost();
  const del = useDeletePost();
  // The post the month already loaded fills the form on the first render:
  // a second render of this large form would add to the wait for it.
  const [input, setInput] = useState<PostInput>(() =>
    post.data ? loadedInput(post.data, !!occurrence && !!postId ? occurrence : undefined) : { ...empty, ...defaults },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [repeatProblem, setRepeatProblem] = useState<'interval' | 'count' | null>(null);
  const zoneInfo = useWorkspaceInfo();

  // The list's copy shows first (usePost); the stored post replaces it only
  // if it differs, so nothing typed in between is lost for nothing.
  const shown = useRef<string>('');
  const filledAtMount = useRef(!!post.data);
  useEffect(() => {
    if (!post.data) return;
    // The list's copy carries its style-guide marker, the stored post does not: not a difference.
    const key = `${one}:${JSON.stringify({ ...post.data, check: undefined })}`;
    if (key === shown.current) return;
    // A copy there at the first render is in the form already (useState above).
    if (shown.current !== '' || !filledAtMount.current) setInput(loadedInput(post.data, one ? occurrence : undefined));
    shown.current = key;
    markEnd(PERF.openPost); // the post is on screen: the figure of opening it
  }, [post.data, one, occurrence]);

  // ownId is the post that a workflow move or a comment on this day goes to:
  // one day of a series becomes a post of its own first.
  async function ownId(): Promise<string> {
    if (!one) return postId!;
    const own = await detach.mutateAsync({ seriesId: postId!, day: occurrence! });
    onSaved(own.id);
    return own.id;
  }

  const set = <K extends keyof PostInput>(k: K, v: PostInput[K]) => setInput((cur) => ({ ...cur, [k]: v }));
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const channelName = (id: string) => {
    const c = channels.data?.find((x) => x.id === id);
    return c ? `${networks.data?.find((n) => n.id === c.network)?.name ?? c.network} ${c.handle}` : id;
  };
  const counts = channelCounts(input, channels.data ?? [], networks.data ?? []);
  // What keeps the saved post from being submitted or approved (the backend
  // refuses the same), said before the click. It depends only on the saved
  // post, so it is counted once per save, not on every keystroke.
  const savedOver = useMemo(
    () => (post.data ? channelCounts(post.data, channels.data ?? [], networks.data ?? []).find((c) => c.over) : undefined),
    [post.data, channels.data, networks.data],
  );
  const notReady = savedOver
    ? t('errors.post.over_limit', { channel: savedOver.label, count: savedOver.count, limit: savedOver.limit })
    : post.data?.date && post.data.channels.length === 0
      ? t('errors.post.review_needs_channel')
      : null;
  // The style guide's checks of the draft: sent from the keystroke itself
  // (before this large form renders again), and for any other change the
  // checker reads (channels, labels, rating, campaign) once rendered.
  const checks = useDraftChecks(checkDraft);
  const inputRef = useRef(input);
  inputRef.current = input;
  useEffect(() => checks.request(input), [checks, input]);
  useEffect(() => {
    checks.open();
    return () => checks.close();
  }, [checks]);
  // A time the clocks skip on that day is saved as the time it comes to: say so before saving.
  const skipped = skippedTime(input.date, input.time, zoneInfo.data?.timeZone ?? '');

  async function save() {
    setErrors({});
    setGeneral(null);
    if (repeatProblem) {
      // Every 0, or a count of 0: refused here as the backend would be asked nothing it can refuse.
      setErrors({ repeat: t(repeatProblem === 'interval' ? 'errors.post.repeat_interval' : 'errors.post.repeat_count', { max: repeatProblem === 'interval' ? 99 : 1000 }) });
      return;
    }
    try {
      if (one) {
        const res = await editOne.mutateAsync({ seriesId: postId!, day: occurrence!, input });
        notifications.show({ color: res.backToReview ? 'orange' : 'green', message: res.backToReview ? t('post.backToReview') : t('post.saved') });
        onSaved(res.post.id);
      } else if (postId) {
        const res = await update.mutateAsync({ id: postId, input });
        notifications.show({
          color: res.backToReview ? 'orange' : 'green',
          message: res.backToReview ? t('post.backToReview') : t('post.saved'),
        });
        onSaved(postId);
      } else {
        const created = await add.mutateAsync(input);
        notifications.show({ color: 'green', message: t('post.created', { title: created.title }) });
        onSaved(created.id);
      }
    } catch (err) {
      const message = errorMessage(err);
      if (err instanceof AppError && err.field) setErrors({ [err.field]: message });
      else setGeneral(message);
    }
  }

  // A new post gets its first file only once it exists: attaching saves it
  // first (once, however many files are dropped), then the editor carries on
  // with the saved post.
  const created = useRef<string | null>(null);
  async function createFirst(): Promise<string> {
    if (created.current) return created.current;
    setErrors({});
    setGeneral(null);
    try {
      const p = await add.mutateAsync(input);
      created.current = p.id;
      notifications.show({ color: 'green', message: t('post.created', { title: p.title }) });
      onSaved(p.id);
      return p.id;
    } catch (err) {
      const message = errorMessage(err);
      if (err instanceof AppError && err.field) setErrors({ [err.field]: message });
      else setGeneral(message);
      throw err;
    }
  }

  if (postId && post.isPending) return <Text>{t('common.loading')}</Text>;
  if (postId && post.isError) return <Alert color="red">{errorMessage(post.error)}</Alert>;

  return (
    <Stack gap="sm">
      {post.data?.rrule && occurrence && (
        <Alert color="blue" variant="light" data-testid="series-scope">
          <Text size="sm" mb={6}>
            {t('repeat.partOfSeries')}
          </Text>
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            data={[
              { value: 'one', label: t('repeat.thisPost') },
              { value: 'all', label: t('repeat.allPosts') },
            ]}
          />
        </Alert>
      )}
      {post.data?.seriesId && post.data.seriesId !== post.data.id && (
        <Alert color="blue" variant="light">
          {t('repeat.editedAlone', { date: formatDay(post.data.occurrence, i18n.language) })}
        </Alert>
      )}
      {post.data && <WorkflowBar status={post.data.status as Status} resolveId={ownId} notReady={notReady} />}
      <TextInput label={t('post.title')} value={input.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} data-autofocus />
      <MultiSelect
        label={t('post.channels')}
        data={(channels.data ?? []).map((c) => ({ value: c.id, label: channelName(c.id) }))}
        value={input.channels}
        onChange={(v) => set('channels', v)}
        error={errors.channels}
        placeholder={(channels.data ?? []).length === 0 ? t('post.noChannels') : undefined}
        searchable
      />
      <LintedText
        label={t('post.text')}
        value={input.body}
        onChange={(v) => {
          checks.request({ ...inputRef.current, body: v });
          set('body', v);
        }}
        error={errors.body}
        checks={checks}
        channelId={null}
        testId="post-text"
      />
      {counts.map((c) => {
        const own = c.channelId in input.variants;
        return (
          <Stack key={c.channelId} gap={4}>
            <Group justify="space-between">
              <Switch
                size="xs"
                label={t('post.ownText', { channel: c.label })}
                checked={own}
                onChange={(e) => {
                  const next = { ...input.variants };
                  if (e.currentTarget.checked) next[c.channelId] = input.body;
                  else delete next[c.channelId];
                  set('variants', next);
                }}
              />
              <Badge color={c.over ? 'red' : 'gray'} variant="light" data-testid={`count-${c.channelId}`}>
                {c.limit ? `${c.count} / ${c.limit}` : c.count}
              </Badge>
            </Group>
            <ChannelSummary text={own ? input.variants[c.channelId] : input.body} rating={input.rating} channelId={c.channelId} checks={checks} />
            {own && (
              <LintedText
                label={t('post.ownText', { channel: c.label })}
                minHeight={48}
                value={input.variants[c.channelId]}
                onChange={(v) => {
                  checks.request({ ...inputRef.current, variants: { ...inputRef.current.variants, [c.channelId]: v } });
                  setInput((cur) => ({ ...cur, variants: { ...cur.variants, [c.channelId]: v } }));
                }}
                checks={checks}
                channelId={c.channelId}
                testId={`variant-${c.channelId}`}
              />
            )}
          </Stack>
        );
      })}
      <Group grow>
        <TextInput type="date" label={t('post.date')} value={input.date} onChange={(e) => set('date', e.currentTarget.value)} error={errors.date} />
        <TextInput type="time" label={t('post.time')} description={skipped ? t('post.timeSkipped', { time: input.time, becomes: skipped }) : t('post.timeHint')} value={input.time} onChange={(e) => set('time', e.currentTarget.value)} error={errors.time} />
      </Group>
      {!one && !post.data?.seriesId && (
        <RepeatFields
          value={input.repeat}
          exdates={input.exdates ?? []}
          date={input.date}
          error={errors.repeat ?? errors.exdates}
          onChange={(r) => set('repeat', r)}
          onExdates={(d) => set('exdates', d)}
          onProblem={setRepeatProblem}
        />
      )}
      <Group grow>
        <Select label={t('post.owner')} data={memberOptions} value={input.ownerId || null} onChange={(v) => set('ownerId', v ?? '')} clearable searchable />
        <Select label={t('post.approver')} data={memberOptions} value={input.approverId || null} onChange={(v) => set('approverId', v ?? '')} clearable searchable />
      </Group>
      <Select
        label={t('post.campaign')}
        data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={input.campaignId || null}
        onChange={(v) => set('campaignId', v ?? '')}
        clearable
      />
      <TagsInput label={t('post.labels')} value={input.labels} onChange={(v) => set('labels', v)} error={errors.labels} />
      <div>
        <Text size="sm" fw={500}>
          {t('post.rating')}
        </Text>
        <SegmentedControl data={RATINGS.map((r) => ({ value: r, label: r }))} value={input.rating} onChange={(v) => set('rating', v)} />
      </div>
      <Divider />
      {!postId && (
        <Text size="xs" c="dimmed">
          {t('attachments.saveFirst')}
        </Text>
      )}
      <AttachmentsPanel postId={postId ?? ''} resolveId={postId ? ownId : createFirst} />
      {postId && post.data && <PostTemplateActions postId={postId} title={post.data.title} status={post.data.status} />}
      {postId && (
        <>
          <Divider />
          <CommentsAndHistory id={postId} resolveId={ownId} />
        </>
      )}
      {/* The actions stay at the bottom of the panel however long the text or the comments get. */}
      <div
        data-testid="editor-actions"
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 2,
          background: 'var(--mantine-color-body)',
          borderTop: '1px solid var(--mantine-color-default-border)',
          padding: 'var(--mantine-spacing-xs) 0',
        }}
      >
        {/* Beside the actions, so a refused save is seen however far the panel is scrolled. */}
        {(general ?? Object.values(errors)[0]) && (
          <Alert color="red" role="alert" p="xs" mb="xs">
            {general ?? Object.values(errors)[0]}
          </Alert>
        )}
        <Group justify="space-between">
          {postId ? (
            <ConfirmDelete
              confirmLabel={one ? t('repeat.skipThis') : undefined}
              question={one ? t('post.confirmSkip', { date: occurrence }) : post.data?.rrule ? t('post.confirmDeleteSeries', { title: post.data.title }) : t('post.confirmDelete', { title: post.data?.title ?? '' })}
              onConfirm={async () => {
                try {
                  if (one) await skip.mutateAsync({ seriesId: postId, day: occurrence! });
                  else await del.mutateAsync(postId);
                  notifications.show({ message: one ? t('repeat.skippedDay', { date: formatDay(occurrence ?? '', i18n.language) }) : t('post.deleted') });
                  onClose();
                } catch (err) {
                  setGeneral(errorMessage(err));
                }
              }}
            >
              {one ? t('repeat.skipThis') : post.data?.rrule ? t('repeat.deleteSeries') : t('common.delete')}
            </ConfirmDelete>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button onClick={() => void save()} loading={add.isPending || update.isPending || editOne.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </div>
    </Stack>
  );
}

/**
 * WorkflowBar shows the status and the moves the workflow allows from it.
 * A move this member may not make, or that the saved post is not ready for
 * (notReady), is shown disabled with the reason on hover instead of being
 * refused after the click.
 */
function WorkflowBar({ status, resolveId, notReady }: { status: Status; resolveId: () => Promise<string>; notReady: string | null }) {
  const { t } = useTranslation();
  const moves = useMoves(status);
  const canApprove = useCan('approve_posts');
  const why = (to: string): string | null => {
    if (to === 'approved' || to === 'changes_requested') {
      if (canApprove === 'nobody') return t('errors.calendar.identity_required');
      if (canApprove === 'no') return t('workflow.needsApprover');
    }
    if (to === 'in_review' || to === 'approved') return notReady;
    return null;
  };
  const move = useMovePost();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The style guide's warnings the approver is asked to acknowledge.
  const [warnings, setWarnings] = useState<Acknowledged[] | null>(null);

  async function go(to: Status, withNote = '', ackWarnings = false) {
    setError(null);
    try {
      await move.mutateAsync({ id: await resolveId(), to, note: withNote, ackWarnings });
      notifications.show({ color: 'green', message: t('workflow.moved', { status: t(`status.${to}`) }) });
      setAsking(false);
      setNote('');
      setWarnings(null);
    } catch (err) {
      if (err instanceof AppError && err.code === 'post.check_warnings' && Array.isArray(err.params.warnings)) {
        setWarnings(err.params.warnings as Acknowledged[]);
        return;
      }
      setWarnings(null);
      setError(errorMessage(err));
    }
  }

  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Badge color={statusColors[status]} data-testid="post-status">
          {t(`status.${status}`)}
        </Badge>
        {(moves.data ?? []).map((to) => {
          const reason = why(to);
          return (
            <GuardedButton
              key={to}
              reason={reason}
              size="compact-xs"
              variant={to === 'approved' || to === 'in_review' || to === 'scheduled' ? 'filled' : 'light'}
              onClick={() => (to === 'changes_requested' ? setAsking(true) : void go(to as Status))}
            >
              {t(`workflow.to.${to}`)}
            </GuardedButton>
          );
        })}
      </Group>
      {asking && (
        <Group align="flex-end">
          <Textarea label={t('workflow.whatToChange')} value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} autosize />
          <Button size="xs" onClick={() => void go('changes_requested', note)}>
            {t('workflow.to.changes_requested')}
          </Button>
        </Group>
      )}
      {error && (
        <Alert color="red" role="alert" data-testid="workflow-error">
          {error}
        </Alert>
      )}
      <Modal opened={warnings !== null} onClose={() => setWarnings(null)} title={t('workflow.ackTitle')} data-testid="ack-warnings">
        <Stack gap="sm">
          <Text size="sm">{t('workflow.ackIntro')}</Text>
          <List size="sm" spacing={4}>
            {(warnings ?? []).map((w, i) => (
              <List.Item key={i}>
                <AckedLine w={w} />
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWarnings(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={move.isPending} onClick={() => void go('approved', '', true)}>
              {t('workflow.ackConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** AckedLine says one acknowledged warning: the channel, the problem, the words it is about. */
function AckedLine({ w }: { w: Acknowledged }) {
  const { t } = useTranslation();
  const problem = messageOf({ code: w.code, params: w.params }, t);
  return (
    <Text size="sm" component="span">
      {w.channel ? `${w.channel}: ` : ''}
      {problem}
      {w.text ? ` (“${w.text}”)` : ''}
    </Text>
  );
}

function CommentsAndHistory({ id, resolveId }: { id: string; resolveId: () => Promise<string> }) {
  const { t, i18n } = useTranslation();
  const comments = useComments(id);
  const history = useHistory(id);
  const members = useMembers();
  const addComment = useAddComment();
  const [body, setBody] = useState('');
  const name = (mid: string) => members.data?.find((m) => m.id === mid)?.name ?? t('sync.unknownMember');
  return (
    <Stack gap="xs">
      <Title order={5}>{t('post.comments')}</Title>
      {(comments.data ?? []).length === 0 && (
        <Text size="sm" c="dimmed">
          {t('post.noComments')}
        </Text>
      )}
      {(comments.data ?? []).map((c) => (
        <div key={c.id}>
          <Text size="xs" c="dimmed">
            {name(c.authorId)} · {formatDateTime(c.createdAt, i18n.language)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </div>
      ))}
      <Group align="flex-end">
        <Textarea aria-label={t('post.addComment')} placeholder={t('post.addComment')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize style={{ flex: 1 }} />
        <Button
          size="xs"
          disabled={!body.trim()}
          onClick={async () => {
            try {
              await addComment.mutateAsync({ id: await resolveId(), body });
              setBody('');
            } catch (err) {
              notifications.show({ color: 'red', message: errorMessage(err) });
            }
          }}
        >
          {t('post.send')}
        </Button>
      </Group>
      <Title order={5}>{t('post.history')}</Title>
      <Timeline bulletSize={10} lineWidth={2}>
        {(history.data ?? []).map((h, i) => {
          // A hand-over keeps the status and says who took the post over.
          const handover = parseHandoverNote(h.note);
          return (
            <Timeline.Item key={i} title={handover ? t(`handover.history.${handover.role}`, { from: name(handover.from), to: name(handover.to) }) : t(`status.${h.to}`)}>
              <Text size="xs" c="dimmed">
                {handover && !h.memberId ? t('handover.automatic') : name(h.memberId)} · {formatDateTime(h.at, i18n.language)}
              </Text>
              {h.note && !handover && <Text size="xs">{h.note}</Text>}
              {(h.acknowledged ?? []).length > 0 && (
                <Stack gap={0} data-testid="history-acknowledged">
                  <Text size="xs" fw={500}>
                    {t('post.acknowledged', { name: name(h.memberId) })}
                  </Text>
                  {h.acknowledged.map((w, j) => (
                    <Text size="xs" key={j}>
                      • <AckedLine w={w} />
                    </Text>
                  ))}
                </Stack>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}

/**
 * ChannelSummary says, under a channel, what the style guide looks at
 * besides the words: the post's rating against the channel's ceiling (when
 * the guide sets one), and how many hashtags and emoji its text has.
 */
function ChannelSummary({ text, rating, channelId, checks }: { text: string; rating: string; channelId: string; checks: DraftChecks }) {
  const { t } = useTranslation();
  const result = useCheckResult(checks)?.results.find((r) => r.channelId === channelId);
  const over = result?.findings.find((f) => f.code === 'rating_above_ceiling');
  const ceiling = result?.ceiling ?? '';
  return (
    <Text size="xs" c="dimmed" data-testid={result ? `summary-${result.channelId}` : undefined}>
      <Text span size="xs" c={over ? 'red' : 'dimmed'}>
        {!ceiling ? t('lint.rating', { rating }) : over ? t('lint.ratingOver', { rating, ceiling }) : t('lint.ratingCeiling', { rating, ceiling })}
      </Text>
      {' · '}
      {t('lint.hashtags', { count: countHashtags(text) })}
      {' · '}
      {t('lint.emoji', { count: countEmoji(text) })}
    </Text>
  );
}
