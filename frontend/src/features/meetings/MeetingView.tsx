import { Alert, Anchor, Badge, Button, Card, CopyButton, Group, Loader, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconChevronLeft, IconChevronRight, IconFileExport, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
import { AppError } from '../../shared/lib/bridge';
import { useDates } from '../../shared/lib/datetime';
import { saveFile } from '../../shared/api/files';
import { useMembers } from '../../shared/api/team';
import {
  meetingMarkdown,
  saveMeetingMarkdown,
  useAddAction,
  useMeetingDay,
  useSaveCheckIn,
  useDeleteMeeting,
  useSkipDay,
  useUpdateDay,
  type ActionItem,
  type CheckIn,
  type MeetingDetail,
} from '../../shared/api/meetings';

const STATUS_COLORS: Record<string, string> = { todo: 'gray', doing: 'blue', blocked: 'red', done: 'green' };

/** ActionTable lists action items with who does them, when they are due and their state now. */
function ActionTable({ items, testId }: { items: ActionItem[]; testId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <Table data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('meetings.actionTitle')}</Table.Th>
          <Table.Th>{t('meetings.assignee')}</Table.Th>
          <Table.Th>{t('meetings.due')}</Table.Th>
          <Table.Th>{t('meetings.state')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.taskId} data-testid="action-row">
            <Table.Td>{a.title}</Table.Td>
            <Table.Td>{a.assigneeName || <Text c="dimmed">{t('meetings.nobody')}</Text>}</Table.Td>
            <Table.Td>{a.due ? dates.dayTime(a.due, a.dueTime) : <Text c="dimmed">{t('meetings.noDue')}</Text>}</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLORS[a.status] ?? 'gray'} variant="light">
                {t(`meetings.taskStatus.${a.status}`, { defaultValue: a.status })}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** CheckInCard is one member's part of a check-in, saved as their own row. */
function CheckInCard({ id, day, c }: { id: string; day: string; c: CheckIn }) {
  const { t } = useTranslation();
  const save = useSaveCheckIn();
  const [v, setV] = useState({ wins: c.wins, help: c.help, plan: c.plan, nextReport: c.nextReport });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setV({ wins: c.wins, help: c.help, plan: c.plan, nextReport: c.nextReport }), [c.wins, c.help, c.plan, c.nextReport]);
  const dirty = v.wins !== c.wins || v.help !== c.help || v.plan !== c.plan || v.nextReport !== c.nextReport;
  const field = (key: keyof typeof v) => (
    <Textarea
      label={t(`meetings.checkin.${key}`)}
      placeholder={t(`meetings.checkin.${key}Hint`)}
      autosize
      minRows={2}
      value={v[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((cur) => ({ ...cur, [key]: value }));
      }}
    />
  );
  return (
    <Card withBorder data-testid="checkin-card" data-member={c.memberId}>
      <Stack gap="xs">
        <Title order={5}>{c.memberName || t('meetings.formerMember')}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {field('wins')}
          {field('help')}
          {field('plan')}
          {field('nextReport')}
        </SimpleGrid>
        {error && <Text c="red" size="sm">{error}</Text>}
        <Group justify="flex-end">
          <Button
            size="xs"
            disabled={!dirty}
            loading={save.isPending}
            onClick={async () => {
              setError(null);
              try {
                await save.mutateAsync({ id, day, memberId: c.memberId, input: v });
                notifications.show({ color: 'green', message: t('meetings.checkinSaved', { name: c.memberName }) });
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('meetings.saveCheckin')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** AddActionForm adds an action item: a task for a member, due on the next meeting unless a date is given. */
function AddActionForm({ d }: { d: MeetingDetail }) {
  const { t } = useTranslation();
  const dates = useDates();
  const members = useMembers();
  const add = useAddAction();
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const fieldError = (f: string) => (error?.field === f ? errorMessage(error) : undefined);
  return (
    <Stack gap="xs">
      <Group align="flex-start" grow>
        <TextInput label={t('meetings.actionTitle')} placeholder={t('meetings.actionTitleHint')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError('title')} data-testid="action-title" />
        <Select
          label={t('meetings.assignee')}
          placeholder={t('meetings.chooseAssignee')}
          data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={assignee}
          onChange={setAssignee}
          error={fieldError('assigneeId')}
          searchable
          data-testid="action-assignee"
        />
        <TextInput
          type="date"
          label={t('meetings.due')}
          description={d.nextDate ? t('meetings.dueDefault', { day: dates.day(d.nextDate) }) : t('meetings.dueNoNext')}
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
          error={fieldError('due')}
          data-testid="action-due"
        />
      </Group>
      {error && !['title', 'assigneeId', 'due'].includes(error.field ?? '') && <Text c="red" size="sm">{errorMessage(error)}</Text>}
      <Group justify="flex-end">
        <Button
          leftSection={<IconPlus size={16} />}
          loading={add.isPending}
          data-testid="action-add"
          onClick={async () => {
            setError(null);
            try {
              await add.mutateAsync({ id: d.meeting.id, day: d.date, input: { title, description: '', assigneeId: assignee ?? '', due, dueTime: '' } });
              setTitle('');
              setDue('');
            } catch (err) {
              setError(err instanceof AppError ? err : new AppError({ code: 'internal', message: String(err) }));
            }
          }}
        >
          {t('meetings.addAction')}
        </Button>
      </Group>
    </Stack>
  );
}

/** DayText edits this day's agenda or notes only. */
function DayText({ d, field }: { d: MeetingDetail; field: 'agenda' | 'notes' }) {
  const { t } = useTranslation();
  const update = useUpdateDay();
  const saved = field === 'agenda' ? d.agenda : d.notes;
  const [v, setV] = useState(saved);
  useEffect(() => setV(saved), [saved]);
  return (
    <Stack gap="xs">
      <Textarea
        aria-label={t(`meetings.${field}`)}
        placeholder={t(`meetings.${field}Placeholder`)}
        autosize
        minRows={3}
        value={v}
        onChange={(e) => setV(e.currentTarget.value)}
        data-testid={`day-${field}`}
      />
      <Group justify="flex-end">
        <Button
          size="xs"
          variant="default"
          disabled={v === saved}
          loading={update.isPending}
          onClick={async () => {
            try {
              await update.mutateAsync({ id: d.meeting.id, day: d.date, [field]: v });
            } catch (err) {
              notifications.show({ color: 'red', message: errorMessage(err) });
            }
          }}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** ExportNotes shows the day's notes as Markdown to copy or save, for people without Postdeck. */
function ExportNotes({ d }: { d: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const lang = i18n.language === 'id' ? 'id' : 'en';
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileExport size={16} />}
        data-testid="export-notes"
        onClick={async () => {
          try {
            setText(await meetingMarkdown(d.meeting.id, d.date, lang));
          } catch (err) {
            notifications.show({ color: 'red', message: errorMessage(err) });
          }
        }}
      >
        {t('meetings.exportNotes')}
      </Button>
      <Modal opened={text !== null} onClose={() => setText(null)} title={t('meetings.exportNotes')} size="xl">
        <Stack>
          <Text size="sm" c="dimmed">
            {t('meetings.exportHint')}
          </Text>
          <Textarea readOnly autosize minRows={10} maxRows={24} value={text ?? ''} data-testid="notes-markdown" styles={{ input: { fontFamily: 'monospace' } }} />
          <Group justify="flex-end">
            <CopyButton value={text ?? ''}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? t('meetings.copied') : t('meetings.copy')}</Button>}</CopyButton>
            <Button
              onClick={async () => {
                try {
                  const path = await saveFile(t('meetings.exportNotes'), `${d.date}-${d.meeting.title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.md`, t('meetings.markdownFiles'), '*.md');
                  if (!path) return;
                  await saveMeetingMarkdown(d.meeting.id, d.date, lang, path);
                  notifications.show({ color: 'green', message: t('meetings.exported', { path }) });
                } catch (err) {
                  notifications.show({ color: 'red', message: errorMessage(err) });
                }
              }}
            >
              {t('meetings.saveFile')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * MeetingView is one meeting day: what was agreed last time and where it
 * stands, the agenda, who is there, each member's check-in, the action items
 * agreed today, and for a stakeholder meeting the posts and campaigns it is about.
 */
export function MeetingView() {
  const { t } = useTranslation();
  const dates = useDates();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const day = params.get('date') ?? '';
  const q = useMeetingDay(id, day);
  const skip = useSkipDay();
  const del = useDeleteMeeting();
  const [confirmSkip, setConfirmSkip] = useState(false);
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError)
    return (
      <Stack>
        <Alert color="red">{errorMessage(q.error)}</Alert>
        <Anchor component={Link} to="/meetings">
          {t('meetings.back')}
        </Anchor>
      </Stack>
    );
  const d = q.data;
  const goTo = (date: string) => setParams({ date });
  return (
    <Stack gap="lg" maw={1040} data-testid="meeting-view">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor size="sm" onClick={() => navigate('/meetings')}>
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {t('meetings.back')}
            </Group>
          </Anchor>
          <Title order={2}>{d.meeting.title}</Title>
          <Group gap="xs">
            <Badge variant="light">{t(`meetings.kind.${d.meeting.kind}`)}</Badge>
            <Text data-testid="meeting-when">
              {dates.dayTime(d.date, d.occurrence.time)} · {t('meetings.minutes', { count: d.meeting.durationMinutes })} · {d.meeting.zone}
            </Text>
          </Group>
        </div>
        <Group gap="xs">
          {d.meeting.repeat === 'weekly' && (
            <>
              <Button variant="subtle" leftSection={<IconChevronLeft size={16} />} disabled={!d.previous} onClick={() => d.previous && goTo(d.previous.date)}>
                {t('meetings.previousWeek')}
              </Button>
              <Button variant="subtle" rightSection={<IconChevronRight size={16} />} disabled={!d.nextDate} onClick={() => goTo(d.nextDate)}>
                {t('meetings.nextWeek')}
              </Button>
            </>
          )}
          <ExportNotes d={d} />
        </Group>
      </Group>
      <Group gap="xs">
        {d.meeting.repeat === 'weekly' && (
          <Button variant="subtle" color="red" size="xs" onClick={() => setConfirmSkip(true)} data-testid="skip-week">
            {t('meetings.skipWeek')}
          </Button>
        )}
        <ConfirmDelete
          size="xs"
          leftSection={<IconTrash size={14} />}
          question={t('meetings.deleteConfirm', { title: d.meeting.title })}
          onConfirm={async () => {
            try {
              await del.mutateAsync(d.meeting.id);
              notifications.show({ message: t('meetings.deleted', { title: d.meeting.title }) });
              navigate('/meetings');
            } catch (err) {
              notifications.show({ color: 'red', message: errorMessage(err) });
            }
          }}
        >
          {t('meetings.delete')}
        </ConfirmDelete>
      </Group>
      <Modal opened={confirmSkip} onClose={() => setConfirmSkip(false)} title={t('meetings.skipWeek')}>
        <Stack>
          <Text>{t('meetings.skipConfirm', { day: dates.day(d.date) })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSkip(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={skip.isPending}
              onClick={async () => {
                try {
                  await skip.mutateAsync({ id: d.meeting.id, day: d.date });
                  setConfirmSkip(false);
                  notifications.show({ message: t('meetings.skipped', { day: dates.day(d.date) }) });
                  if (d.nextDate) goTo(d.nextDate);
                  else navigate('/meetings');
                } catch (err) {
                  notifications.show({ color: 'red', message: errorMessage(err) });
                }
              }}
            >
              {t('meetings.skipWeek')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Card withBorder data-testid="previous-actions">
        <Stack gap="xs">
          <Title order={4}>{d.previous ? t('meetings.fromLast', { day: dates.day(d.previous.date) }) : t('meetings.fromLastNone')}</Title>
          {d.previous && d.previous.actions.length > 0 ? (
            <ActionTable items={d.previous.actions} testId="previous-action-table" />
          ) : (
            <Text c="dimmed">{d.previous ? t('meetings.noPreviousActions') : t('meetings.firstMeeting')}</Text>
          )}
        </Stack>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={4}>{t('meetings.agenda')}</Title>
            {d.meeting.repeat === 'weekly' && <Text size="xs" c="dimmed">{t('meetings.agendaThisWeek')}</Text>}
            <DayText d={d} field="agenda" />
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={4}>{t('meetings.attendees')}</Title>
            {d.attendees.length === 0 && d.meeting.guests.length === 0 ? (
              <Text c="dimmed">{t('meetings.noAttendees')}</Text>
            ) : (
              <Group gap="xs" data-testid="meeting-attendees">
                {d.attendees.map((p) => (
                  <Badge key={p.id} variant="outline">
                    {p.name || t('meetings.formerMember')}
                  </Badge>
                ))}
                {d.meeting.guests.map((g, i) => (
                  <Badge key={`g${i}`} variant="light" color="grape">
                    {g.role ? `${g.name} · ${g.role}` : g.name}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Card>
      </SimpleGrid>

      {(d.meeting.kind === 'checkin' || d.checkIns.some((c) => c.wins || c.help || c.plan || c.nextReport)) && (
        <Stack gap="xs">
          <Title order={4}>{t('meetings.checkIns')}</Title>
          <Text size="sm" c="dimmed">
            {t('meetings.checkInsHint')}
          </Text>
          {d.checkIns.length === 0 ? (
            <Text c="dimmed">{t('meetings.noCheckIns')}</Text>
          ) : (
            d.checkIns.map((c) => <CheckInCard key={`${d.dayId}-${c.memberId}`} id={d.meeting.id} day={d.date} c={c} />)
          )}
        </Stack>
      )}

      <Card withBorder data-testid="today-actions">
        <Stack gap="xs">
          <Title order={4}>{t('meetings.actions')}</Title>
          <Text size="sm" c="dimmed">
            {t('meetings.actionsHint')}
          </Text>
          {d.actions.length > 0 ? <ActionTable items={d.actions} testId="action-table" /> : <Text c="dimmed">{t('meetings.noActions')}</Text>}
          <AddActionForm d={d} />
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="xs">
          <Title order={4}>{t('meetings.notes')}</Title>
          <DayText d={d} field="notes" />
        </Stack>
      </Card>

      {(d.posts.length > 0 || d.campaigns.length > 0) && (
        <Card withBorder data-testid="meeting-links">
          <Stack gap="xs">
            <Title order={4}>{t('meetings.affected')}</Title>
            {d.posts.map((p) => (
              <Anchor key={p.id} component={Link} to={`/calendar?post=${p.id}`}>
                {p.date ? `${dates.day(p.date)} · ${p.title}` : p.title}
              </Anchor>
            ))}
            {d.campaigns.map((c) => (
              <Text key={c.id}>
                {t('meetings.campaign')}: {c.title}
              </Text>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
