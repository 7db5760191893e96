import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import listPlugin from '@fullcalendar/list';
import interactionPlugin, { Draggable } from '@fullcalendar/interaction';
import idLocale from '@fullcalendar/core/locales/id';
import type { DatesSetArg, EventDropArg } from '@fullcalendar/core';
import type { DateClickArg, DropArg } from '@fullcalendar/interaction';
import { Badge, Button, Card, Grid, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
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
  useLabels,
  usePosts,
  useUpdatePost,
  type Post,
  type PostFilter,
  type PostInput,
} from '../../shared/api/calendar';
import { eventId, fromCalendarDate, isVirtualOccurrence, toEvents, visibleRange, type ColorBy } from './model';
import { GapsCard } from './GapsCard';
import { LayersCard } from './LayersCard';
import { useLayerEvents } from '../../shared/api/feeds';
import { PostEditor } from './PostEditor';
import { EditorSplit } from './EditorSplit';

type Editing = { id: string | null; occurrence?: string; defaults?: Partial<PostInput> } | null;

// Options FullCalendar compares by identity: new objects on every render
// would reset it (and fire datesSet again, forever).
const plugins = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
const locales = [idLocale];
const toolbar = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' };

/** CalendarPage is the screen the team lives in: month, week and list views, the backlog, filters and the editor. */
export function CalendarPage({ keeperId = '' }: { keeperId?: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
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

  const posts = usePosts({ ...filters, ...(range ?? { from: '0001-01-01', to: '0001-01-01' }) });
  const backlog = usePosts({ ...filters, unplanned: true });
  const layerEvents = useLayerEvents(range);
  const events = useMemo(
    () => [...toEvents(posts.data ?? [], channels.data ?? [], campaigns.data ?? [], colorBy), ...layerEvents],
    [posts.data, channels.data, campaigns.data, colorBy, layerEvents],
  );

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
      notifications.show({ color: 'green', message: t('calendar.moved', { title: post.title, date }) });
    } catch (err) {
      revert?.();
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  const findPost = (id: string) => (posts.data ?? []).find((p) => eventId(p) === id) ?? (backlog.data ?? []).find((p) => p.id === id);

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
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => navigate('/import-export')}>
            {t('csv.short')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ id: null })} title={t('calendar.newPostShortcut')}>
            {t('calendar.newPost')}
          </Button>
        </Group>
      </Group>
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
          <Card withBorder p="sm" data-testid="calendar">
            <FullCalendar
              plugins={plugins}
              initialView="dayGridMonth"
              // The year plan opens a campaign on its first day (?date=).
              initialDate={params.get('date') || undefined}
              // Posts are wall-clock times in the workspace's zone; UTC mode shows them as they are.
              timeZone="UTC"
              locales={locales}
              locale={i18n.language === 'id' ? 'id' : 'en-gb'}
              firstDay={1}
              headerToolbar={toolbar}
              height="auto"
              editable
              droppable
              dayMaxEvents={4}
              events={events}
              datesSet={(arg: DatesSetArg) => {
                const next = visibleRange(arg.start, arg.end);
                setRange((cur) => (cur && cur.from === next.from && cur.to === next.to ? cur : next));
              }}
              dateClick={(arg: DateClickArg) => setEditing({ id: null, defaults: fromCalendarDate(arg.date, arg.allDay) })}
              eventClick={(arg) => {
                const props = arg.event.extendedProps;
                if (props.kind !== 'post') return;
                const virtual = props.seriesId && props.seriesId === props.postId;
                setEditing({ id: props.postId as string, occurrence: virtual ? (props.occurrence as string) : undefined });
              }}
              eventDrop={(arg: EventDropArg) => {
                const p = findPost(arg.event.id);
                if (!p || !arg.event.start) return arg.revert();
                const { date, time } = fromCalendarDate(arg.event.start, arg.event.allDay);
                void reschedule(p, date, arg.event.allDay ? '' : time || p.time, arg.revert);
              }}
              drop={(arg: DropArg) => {
                const id = arg.draggedEl.getAttribute('data-backlog-id');
                const p = id ? findPost(id) : undefined;
                if (!p) return;
                const { date, time } = fromCalendarDate(arg.date, arg.allDay);
                void reschedule(p, date, time);
              }}
            />
          </Card>
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
}
