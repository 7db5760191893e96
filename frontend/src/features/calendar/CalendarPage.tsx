import FullCalendar from '@fullcalendar/react';
import { createPlugin, type EventContentArg, type EventMountArg } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin, { Draggable } from '@fullcalendar/interaction';
import idLocale from '@fullcalendar/core/locales/id';
import type { DatesSetArg, EventDropArg } from '@fullcalendar/core';
import type { DateClickArg, DropArg } from '@fullcalendar/interaction';
import { Badge, Button, Card, Grid, Group, Paper, Portal, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconChecklist, IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { useHotkeys } from '@mantine/hooks';
import { createContext, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useMembers, useNetworks } from '../../shared/api/team';
import {
  STATUSES,
  toInput,
  useCampaigns,
  useChannels,
  useEditOccurrence,
  useAwaitingApproval,
  useLabels,
  useNeedsLook,
  usePosts,
  useUpdatePost,
  type Post,
  type PostFilter,
  type PostInput,
} from '../../shared/api/calendar';
import { eventId, fromCalendarDate, isVirtualOccurrence, monthEvents, monthGridRange, toEvents, visibleRange, type ColorBy } from './model';
import { markEnd, markStart, PERF } from '../../shared/lib/perf';
import { NetworkIcon } from './NetworkIcon';
import { PostTable } from './PostTable';
import { addCheckMark, checkMarkNode } from './checkMark';
import './calendar.css';
import { GapsCard } from './GapsCard';
import { LayersCard } from './LayersCard';
import { useLayerEvents } from '../../shared/api/feeds';
import { useTaskEvents } from '../../shared/api/tasks';
import { useAbsenceEvents } from '../../shared/api/teamhealth';
import { useMeetingEvents } from '../../shared/api/meetings';
import { PostEditor } from './PostEditor';
import { EditorSplit } from './EditorSplit';
import { FirstSteps } from './FirstSteps';
import { formatDay, formatDayTime, formatTime, formatWallTime } from '../../shared/lib/datetime';

type Editing = { id: string | null; occurrence?: string; defaults?: Partial<PostInput> } | null;

// Options FullCalendar compares by identity: new objects on every render
// would reset it (and fire datesSet again, forever).
// The list is a view of our own inside the calendar (same toolbar, same
// month), a virtualised table instead of FullCalendar's list, which renders
// every one of a busy month's 2,000 posts.
const ListContext = createContext<{ posts: Post[]; day: string; onOpen: (p: Post) => void; onWholeMonth: () => void } | null>(null);
const postListPlugin = createPlugin({
  name: 'postdeck-list',
  views: { postList: { duration: { months: 1 }, content: () => <ListViewContent /> } },
});
const plugins = [dayGridPlugin, timeGridPlugin, interactionPlugin, postListPlugin];
const locales = [idLocale];
const toolbar = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,postList' };

function ListViewContent() {
  const { t, i18n } = useTranslation();
  const list = useContext(ListContext);
  if (!list) return null;
  return (
    <Stack gap="xs" mt="xs">
      {list.day && (
        <Group justify="space-between">
          <Text fw={500}>{t('calendar.dayPosts', { date: formatDay(list.day, i18n.language), count: list.posts.length })}</Text>
          <Button size="xs" variant="default" onClick={list.onWholeMonth}>
            {t('calendar.wholeMonth')}
          </Button>
        </Group>
      )}
      <PostTable posts={list.posts} onOpen={list.onOpen} empty={t('calendar.listEmpty')} measure={PERF.list} />
    </Stack>
  );
}

/** make is a plain element with a class and, given one, a text (set as text, never as HTML). */
function make(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Tip is the full title shown over a post of the month grid on hover or keyboard focus. */
type Tip = { el: Element; title: string; networks: string[]; left: number; top: number } | null;

// Event and slot times go through the app's one time formatter (24-hour,
// two-digit hours in both languages). In UTC mode the marker's UTC fields are
// the post's wall-clock time.
const timeFormats = {
  en: (arg: { date: { marker: Date } }) => formatTime(arg.date.marker, 'en', 'UTC'),
  id: (arg: { date: { marker: Date } }) => formatTime(arg.date.marker, 'id', 'UTC'),
};

/** CalendarPage is the screen the team lives in: month, week and list views, the backlog, filters and the editor. */
export const CalendarPage = memo(function CalendarPage({ keeperId = '' }: { keeperId?: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  // The view shown and, in the list, the month (from, to) it lists.
  const [view, setView] = useState<{ type: string; from: string; to: string }>({ type: 'dayGridMonth', from: '', to: '' });
  const [day, setDay] = useState('');
  const [tip, setTip] = useState<Tip>(null);
  const calendarRef = useRef<FullCalendar>(null);
  // FullCalendar lays out again on window resizes only; the calendar is not
  // re-rendered when the editor opens beside it or its divider moves, so it
  // follows its card's width itself.
  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = cardRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    // The new width is laid out in a task of its own, after the frame that
    // shows what changed it: the editor appears first, then the month (a few
    // hundred entries on a busy month) narrows beside it.
    let pending = 0;
    const ro = new ResizeObserver(() => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => calendarRef.current?.getApi().updateSize(), 0);
    });
    ro.observe(el);
    return () => {
      window.clearTimeout(pending);
      ro.disconnect();
    };
  }, []);
  const queue = params.get('queue') === 'approval';
  const [editing, setEditingState] = useState<Editing>(null);
  // The command palette opens a post through ?post=ID.
  const linked = params.get('post');
  useEffect(() => {
    if (linked) setEditingState({ id: linked });
  }, [linked]);
  const setEditing = (e: Editing) => {
    setEditingState(e);
    if (!e && params.get('post')) {
      const next = new URLSearchParams(params);
      next.delete('post');
      setParams(next, { replace: true });
    }
  };
  // Alt+N: a new post, from anywhere on the calendar.
  useHotkeys([['alt+n', () => setEditing({ id: null })]]);
  const channels = useChannels();
  const campaigns = useCampaigns();
  const members = useMembers();
  const networks = useNetworks();
  const labels = useLabels();
  const update = useUpdatePost();
  const editOne = useEditOccurrence();

  // Filters live in the address, so they stay while moving around.
  const filters: PostFilter = {
    channelId: params.get('channel') ?? '',
    campaignId: params.get('campaign') ?? '',
    status: params.get('status') ?? '',
    ownerId: params.get('owner') ?? '',
    network: params.get('network') ?? '',
    label: params.get('label') ?? '',
  };
  const colorBy = (params.get('color') as ColorBy) || 'channel';
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // marks: the style guide's marker of each post comes with the month, in one call.
  const posts = usePosts({ ...filters, ...(range ?? { from: '0001-01-01', to: '0001-01-01' }), marks: true }, PERF.month);
  const backlog = usePosts({ ...filters, unplanned: true, marks: true });
  const awaiting = useAwaitingApproval();
  const layerEvents = useLayerEvents(range);
  const taskEvents = useTaskEvents(range);
  const absenceEvents = useAbsenceEvents(range);
  const meetingEvents = useMeetingEvents(range);
  const isList = view.type === 'postList';
  const isMonth = view.type === 'dayGridMonth';
  const events = useMemo(() => {
    if (isList) return [];
    const make = isMonth ? monthEvents : toEvents;
    // Campaign bands start at the first day shown, so their label is on that day, not cut off.
    const camps = (campaigns.data ?? []).map((c) => (range && c.startsOn < range.from ? { ...c, startsOn: range.from } : c));
    return [...make(posts.data ?? [], channels.data ?? [], camps, colorBy), ...layerEvents, ...absenceEvents, ...taskEvents, ...meetingEvents];
  }, [isList, isMonth, range, posts.data, channels.data, campaigns.data, colorBy, layerEvents, absenceEvents, taskEvents, meetingEvents]);
  // The month view's figure: from its posts arriving to the grid painted.
  useEffect(() => {
    if (isMonth && posts.data) markEnd(PERF.month);
  }, [isMonth, events, posts.data, posts.dataUpdatedAt]);
  const listPosts = useMemo(() => {
    if (!isList) return [];
    const from = day || view.from;
    const to = day || view.to;
    return (posts.data ?? []).filter((p) => p.date >= from && p.date <= to);
  }, [isList, posts.data, view.from, view.to, day]);
  const byEventId = useMemo(() => new Map((posts.data ?? []).map((p) => [eventId(p), p])), [posts.data]);

  // Ideas in the backlog can be dragged onto a day.
  const backlogRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!backlogRef.current) return;
    const d = new Draggable(backlogRef.current, {
      itemSelector: '[data-backlog-id]',
      eventData: (el) => ({ title: el.getAttribute('data-title') ?? '', create: false }),
    });
    return () => d.destroy();
  }, []);

  async function reschedule(post: Post, date: string, time: string, revert?: () => void) {
    try {
      // Dragging one day of a series moves that day only.
      if (isVirtualOccurrence(post)) await editOne.mutateAsync({ seriesId: post.id, day: post.occurrence, input: { ...toInput(post), date, time } });
      else await update.mutateAsync({ id: post.id, input: { ...toInput(post), date, time, exdates: null } });
      notifications.show({ color: 'green', message: t('calendar.moved', { title: post.title, date: formatDayTime(date, time, i18n.language) }) });
    } catch (err) {
      revert?.();
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  // The view buttons in the app's words: FullCalendar's Indonesian "Minggu"
  // for the week view is also the name of Sunday in the column headers.
  const buttonText = useMemo(
    () => ({ today: t('calendar.views.today'), month: t('calendar.views.month'), week: t('calendar.views.week'), list: t('calendar.views.list'), postList: t('calendar.views.list') }),
    [t],
  );

  const findPost = (id: string) => byEventId.get(id) ?? (backlog.data ?? []).find((p) => p.id === id);
  const openPost = (p: Post) => {
    markStart(PERF.openPost);
    setEditing({ id: p.id, occurrence: isVirtualOccurrence(p) ? p.occurrence : undefined });
  };

  // The calendar gets stable callbacks that call the latest handlers, so a
  // render of this page (opening a post, typing in the palette) does not
  // make it lay out the month again.
  const handlers = useRef({
    datesSet: (_: DatesSetArg) => {},
    dateClick: (_: DateClickArg) => {},
    eventClick: (_: { event: { id: string; extendedProps: Record<string, unknown> } }) => {},
    eventDrop: (_: EventDropArg) => {},
    drop: (_: DropArg) => {},
  });
  handlers.current = {
    datesSet: (arg) => {
      const type = arg.view.type;
      const start = arg.start.toISOString().slice(0, 10);
      // The list asks for the month's grid, which the month view has in its cache already.
      const next = type === 'postList' ? monthGridRange(start) : visibleRange(arg.start, arg.end);
      setRange((cur) => (cur && cur.from === next.from && cur.to === next.to ? cur : next));
      const shown = visibleRange(arg.start, arg.end);
      setView((cur) => (cur.type === type && cur.from === shown.from && cur.to === shown.to ? cur : { type, ...shown }));
      if (type !== 'postList' || (day && (day < shown.from || day > shown.to))) setDay('');
      setTip(null);
    },
    dateClick: (arg) => setEditing({ id: null, defaults: fromCalendarDate(arg.date, arg.allDay) }),
    eventClick: (arg) => {
      const props = arg.event.extendedProps;
      if (props.kind === 'more') {
        // "+N more" opens the day: the list of that day's posts.
        markStart(PERF.list);
        setDay(props.day as string);
        calendarRef.current?.getApi().changeView('postList', props.day as string);
        return;
      }
      if (props.kind === 'meeting') {
        navigate(`/meetings/${props.meetingId as string}?date=${props.date as string}`);
        return;
      }
      if (props.kind === 'task') return navigate(`/tasks?task=${props.taskId as string}`);
      if (props.kind !== 'post') return;
      markStart(PERF.openPost);
      const virtual = props.seriesId && props.seriesId === props.postId;
      setEditing({ id: props.postId as string, occurrence: virtual ? (props.occurrence as string) : undefined });
    },
    eventDrop: (arg) => {
      const p = findPost(arg.event.id);
      if (!p || !arg.event.start) return arg.revert();
      const { date, time } = fromCalendarDate(arg.event.start, arg.event.allDay);
      void reschedule(p, date, arg.event.allDay ? '' : time || p.time, arg.revert);
    },
    drop: (arg) => {
      const id = arg.draggedEl.getAttribute('data-backlog-id');
      const p = id ? findPost(id) : undefined;
      if (!p) return;
      const { date, time } = fromCalendarDate(arg.date, arg.allDay);
      void reschedule(p, date, time);
    },
  };
  const onDatesSet = useCallback((a: DatesSetArg) => handlers.current.datesSet(a), []);
  const onDateClick = useCallback((a: DateClickArg) => handlers.current.dateClick(a), []);
  const onEventClick = useCallback((a: { event: { id: string; extendedProps: Record<string, unknown> } }) => handlers.current.eventClick(a), []);
  const onEventDrop = useCallback((a: EventDropArg) => handlers.current.eventDrop(a), []);
  const onDrop = useCallback((a: DropArg) => handlers.current.drop(a), []);
  const netName = useCallback((id: string) => (networks.data ?? []).find((n) => n.id === id)?.name ?? id, [networks.data]);
  // The month grid's entries are built as plain elements, not React ones:
  // a busy month has a couple of hundred, and a React portal each made
  // FullCalendar's layout several times slower. Icons are copied from a
  // hidden set React renders once (iconsRef).
  const iconsRef = useRef<HTMLDivElement>(null);
  const eventContent = useCallback(
    (arg: EventContentArg) => {
      const p = arg.event.extendedProps;
      if (p.kind === 'more') return { domNodes: [make('span', 'pd-more-link', t('calendar.more', { count: p.count as number }))] };
      if (p.kind === 'campaign') {
        const band = make('div', 'pd-band');
        band.style.background = p.color as string;
        if (!arg.isStart) return { domNodes: [band] };
        const label = make('div', 'pd-band-label', arg.event.title);
        label.title = arg.event.title;
        return { domNodes: [band, label] };
      }
      if (p.kind !== 'post' || arg.view.type !== 'dayGridMonth') return true; // the calendar's own rendering
      const title = arg.event.title;
      const networks = p.networks as string[];
      const box = make('div', 'pd-event');
      box.dataset.fullTitle = title;
      box.dataset.networks = networks.join(' ');
      const meta = make('span', 'pd-event-meta');
      for (const n of networks) {
        const icon = iconsRef.current?.querySelector(`[data-network="${n}"] svg`) ?? iconsRef.current?.querySelector('[data-network="other"] svg');
        if (icon) meta.append(icon.cloneNode(true));
      }
      box.append(meta);
      if (p.time) box.append(make('span', 'pd-event-time', formatWallTime(p.time as string, i18n.language)));
      const mark = checkMarkNode(p.check, t(p.check === 'error' ? 'calendar.markError' : 'calendar.markWarning'));
      if (mark) box.append(mark);
      box.append(make('span', 'pd-event-title', title));
      return { domNodes: [box] };
    },
    // netName: the icons' names change with the language and the networks' list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, netName, i18n.language],
  );
  // The week view keeps FullCalendar's own cards: the style guide's dot is added to them.
  const eventDidMount = useCallback(
    (arg: EventMountArg) => {
      const p = arg.event.extendedProps;
      if (p.kind !== 'post' || arg.view.type === 'dayGridMonth') return;
      addCheckMark(arg.el, p.check, t(p.check === 'error' ? 'calendar.markError' : 'calendar.markWarning'));
    },
    [t],
  );
  const views = useMemo(() => ({ postList: { buttonText: t('calendar.views.list') } }), [t]);
  const listValue = useMemo(
    () => ({ posts: listPosts, day, onOpen: (p: Post) => openPost(p), onWholeMonth: () => setDay('') }),
    // openPost only sets state; a new one each render would redraw the list for nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [listPosts, day],
  );
  const calendarEl = useMemo(
    () => (
      <FullCalendar
        ref={calendarRef}
        plugins={plugins}
        initialView="dayGridMonth"
        // The year plan opens a campaign on its first day (?date=).
        initialDate={params.get('date') || undefined}
        // Posts are wall-clock times in the workspace's zone; UTC mode shows them as they are.
        timeZone="UTC"
        locales={locales}
        locale={i18n.language === 'id' ? 'id' : 'en-gb'}
        firstDay={1}
        buttonText={buttonText}
        eventTimeFormat={i18n.language === 'id' ? timeFormats.id : timeFormats.en}
        slotLabelFormat={i18n.language === 'id' ? timeFormats.id : timeFormats.en}
        headerToolbar={toolbar}
        views={views}
        height="auto"
        editable
        droppable
        eventInteractive
        dayMaxEvents={false}
        eventMaxStack={4}
        eventOrder="order,start,title"
        eventDisplay="block"
        events={events}
        eventContent={eventContent}
        eventDidMount={eventDidMount}
        datesSet={onDatesSet}
        dateClick={onDateClick}
        eventClick={onEventClick}
        eventDrop={onEventDrop}
        drop={onDrop}
      />
    ),
    [i18n.language, buttonText, views, events, eventContent, eventDidMount, onDatesSet, onDateClick, onEventClick, onEventDrop, onDrop],
  );

  // The full title of a post in the month grid, on hover and on keyboard focus.
  const showTip = (target: EventTarget | null) => {
    const el = target instanceof Element ? target.closest('.fc-event') : null;
    const content = el?.querySelector('[data-full-title]');
    if (!el || !content) return setTip(null);
    if (tip?.el === el) return;
    const r = el.getBoundingClientRect();
    const networks = (content.getAttribute('data-networks') ?? '').split(' ').filter(Boolean);
    setTip({ el, title: content.getAttribute('data-full-title') ?? '', networks, left: r.left, top: r.bottom + 4 });
  };

  return (
    <EditorSplit
      open={editing !== null}
      title={editing?.id ? t('post.edit') : t('post.new')}
      panel={
        editing && (
          <PostEditor
            key={`${editing.id ?? `new-${editing.defaults?.date ?? ''}`}@${editing.occurrence ?? ''}`}
            postId={editing.id}
            occurrence={editing.occurrence}
            defaults={editing.defaults}
            onSaved={(id) => setEditing({ id })}
            onClose={() => setEditing(null)}
          />
        )
      }
    >
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('calendar.title')}</Title>
        <Group gap="xs">
          <Button
            variant={queue ? 'filled' : 'default'}
            leftSection={<IconChecklist size={16} />}
            onClick={() => setParam('queue', queue ? null : 'approval')}
            rightSection={awaiting.data?.length ? <Badge size="sm" circle>{awaiting.data.length}</Badge> : undefined}
          >
            {t('calendar.awaiting')}
          </Button>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => navigate('/import-export')}>
            {t('csv.short')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ id: null })} title={t('calendar.newPostShortcut')}>
            {t('calendar.newPost')}
          </Button>
        </Group>
      </Group>
      <FirstSteps channels={channels.data?.length} members={members.data?.length} />
      <Group gap="sm" align="flex-end" data-testid="calendar-filters">
        <Select
          label={t('calendar.filterChannel')}
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.network} ${c.handle}` }))}
          value={filters.channelId || null}
          onChange={(v) => setParam('channel', v)}
          clearable
          w={200}
        />
        <Select
          label={t('calendar.filterNetwork')}
          data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
          value={filters.network || null}
          onChange={(v) => setParam('network', v)}
          clearable
          w={150}
        />
        <Select
          label={t('calendar.filterCampaign')}
          data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filters.campaignId || null}
          onChange={(v) => setParam('campaign', v)}
          clearable
          w={180}
        />
        <Select
          label={t('calendar.filterStatus')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={filters.status || null}
          onChange={(v) => setParam('status', v)}
          clearable
          w={170}
        />
        <Select
          label={t('calendar.filterMember')}
          data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={filters.ownerId || null}
          onChange={(v) => setParam('owner', v)}
          clearable
          w={170}
        />
        <Select
          label={t('calendar.filterLabel')}
          data={labels.data ?? []}
          value={filters.label || null}
          onChange={(v) => setParam('label', v)}
          clearable
          searchable
          w={150}
        />
        <div>
          <Text size="sm" fw={500}>
            {t('calendar.colorBy')}
          </Text>
          <SegmentedControl
            size="xs"
            value={colorBy}
            onChange={(v) => setParam('color', v)}
            data={[
              { value: 'channel', label: t('calendar.byChannel') },
              { value: 'campaign', label: t('calendar.byCampaign') },
              { value: 'status', label: t('calendar.byStatus') },
            ]}
          />
        </div>
      </Group>
      <Grid>
        {/* Beside the editor the calendar takes the whole width; the side cards go below it. */}
        <Grid.Col span={{ base: 12, lg: editing ? 12 : 9 }}>
          <div ref={iconsRef} hidden aria-hidden>
            {[...(networks.data ?? []).map((n) => n.id), 'other'].map((n) => (
              <span key={n} data-network={n}>
                <NetworkIcon network={n} label={netName(n)} size={12} />
              </span>
            ))}
          </div>
          <Card
            ref={cardRef}
            withBorder
            p="sm"
            data-testid="calendar"
            onClickCapture={(e) => {
              if ((e.target as Element).closest?.('.fc-postList-button')) markStart(PERF.list);
            }}
            onMouseOver={(e) => showTip(e.target)}
            onMouseLeave={() => setTip(null)}
            onFocus={(e) => showTip(e.target)}
            onBlur={() => setTip(null)}
          >
            {queue ? (
              <ApprovalQueue posts={awaiting.data ?? []} loading={awaiting.isPending} onOpen={openPost} onBack={() => setParam('queue', null)} />
            ) : (
              <ListContext.Provider value={listValue}>{calendarEl}</ListContext.Provider>
            )}
          </Card>
          {tip && (
            <Portal>
              <Paper role="tooltip" shadow="md" withBorder p={6} className="pd-tip" style={{ left: tip.left, top: tip.top }}>
                <Group gap={4} wrap="nowrap" align="flex-start">
                  {tip.networks.map((n) => (
                    <NetworkIcon key={n} network={n} label={netName(n)} />
                  ))}
                  <Text size="sm">{tip.title}</Text>
                </Group>
              </Paper>
            </Portal>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: editing ? 12 : 3 }}>
          <Stack gap="sm">
            <GapsCard channels={channels.data ?? []} keeperId={keeperId} onPick={(id) => setParam('channel', id)} />
            <LayersCard />
            <Card withBorder p="sm">
              <Title order={5}>{t('calendar.backlog')}</Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t('calendar.backlogHint')}
              </Text>
              <Stack gap={6} ref={backlogRef} data-testid="backlog">
                {(backlog.data ?? []).length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('calendar.backlogEmpty')}
                  </Text>
                )}
                {(backlog.data ?? []).map((p) => (
                  <Card
                    key={p.id}
                    withBorder
                    p={6}
                    data-backlog-id={p.id}
                    data-title={p.title}
                    style={{ cursor: 'grab' }}
                    onClick={() => setEditing({ id: p.id })}
                  >
                    <Text size="sm">{p.title}</Text>
                    <Badge size="xs" variant="light">
                      {t(`status.${p.status}`)}
                    </Badge>
                  </Card>
                ))}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
    </EditorSplit>
  );
});

/**
 * ApprovalQueue lists the posts in review that the member using this
 * computer may approve: the review queue, as a table.
 */
function ApprovalQueue({ posts, loading, onOpen, onBack }: { posts: Post[]; loading: boolean; onOpen: (p: Post) => void; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="approval-queue">
      <Group justify="space-between">
        <div>
          <Title order={4}>{t('calendar.awaiting')}</Title>
          <Text size="sm" c="dimmed">
            {t('calendar.awaitingHint')}
          </Text>
        </div>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('calendar.backToCalendar')}
        </Button>
      </Group>
      {loading ? <Text>{t('common.loading')}</Text> : <PostTable posts={posts} onOpen={onOpen} empty={t('calendar.awaitingEmpty')} />}
      <NeedsLook onOpen={onOpen} />
    </Stack>
  );
}

/**
 * NeedsLook lists the approved posts the style guide now finds errors in
 * (the guide changed after they were approved), under the approval queue.
 * Nothing moves them by itself: someone opens each and decides.
 */
function NeedsLook({ onOpen }: { onOpen: (p: Post) => void }) {
  const { t } = useTranslation();
  const list = useNeedsLook();
  if (!list.data?.length) return null;
  return (
    <Stack gap="xs" mt="md" data-testid="needs-look">
      <div>
        <Title order={4}>{t('calendar.needsLook')}</Title>
        <Text size="sm" c="dimmed">
          {t('calendar.needsLookHint')}
        </Text>
      </div>
      <PostTable posts={list.data} onOpen={onOpen} empty="" />
    </Stack>
  );
}
