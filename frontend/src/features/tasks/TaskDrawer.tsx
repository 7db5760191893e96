import { ActionIcon, Alert, Anchor, Button, Checkbox, Divider, Drawer, Group, Select, Stack, Text, TextInput, Textarea, Title, Typography } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import Markdown from 'react-markdown';
import { errorMessage } from '../../i18n';
import { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
import { toAppError } from '../../shared/lib/bridge';
import { formatDateTime, useDates } from '../../shared/lib/datetime';
import { useCampaigns, usePost, useSearch } from '../../shared/api/calendar';
import { useMembers } from '../../shared/api/team';
import {
  emptyInput,
  useAddItem,
  useAddTask,
  useAddTaskComment,
  useCheckItem,
  useDeleteTask,
  useRemoveItem,
  useTask,
  useTaskComments,
  useTaskHistory,
  useUpdateTask,
  type Task,
  type TaskInput,
  type TaskPatch,
} from '../../shared/api/tasks';
import { TaskFields } from './TaskFields';

/**
 * MarkdownText renders a teammate's Markdown as sanitised HTML: raw HTML in
 * it is dropped (react-markdown without rehype-raw never renders it) and
 * links that are not http(s) or mailto lose their target.
 */
export function MarkdownText({ text }: { text: string }) {
  return (
    <Typography fz="sm" data-testid="task-description">
      <Markdown skipHtml components={{ a: ({ href, children }) => <a href={href} target="_blank" rel="noreferrer noopener">{children}</a> }}>
        {text}
      </Markdown>
    </Typography>
  );
}

/** errorsOf turns a backend error into the form's errors by field, or a message for the whole form. */
function errorsOf(err: unknown): { fields: Record<string, string>; form: string | null } {
  const e = toAppError(err);
  if (e.field) return { fields: { [e.field]: errorMessage(e) }, form: null };
  return { fields: {}, form: errorMessage(e) };
}

export interface TaskDrawerProps {
  /** the open task; null with isNew for a new one */
  taskId: string | null;
  isNew: boolean;
  defaults?: Partial<TaskInput>;
  onClose: () => void;
  onCreated: (task: Task) => void;
}

/** TaskDrawer opens beside the board or list: a new task's form, or a task with its checklist, links, comments and history. */
export function TaskDrawer({ taskId, isNew, defaults, onClose, onCreated }: TaskDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer opened={isNew || !!taskId} onClose={onClose} position="right" size="lg" title={isNew ? t('tasks.new') : t('tasks.task')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {isNew ? <NewTask defaults={defaults} onCreated={onCreated} onCancel={onClose} /> : taskId ? <TaskDetail id={taskId} onDeleted={onClose} /> : null}
    </Drawer>
  );
}

function NewTask({ defaults, onCreated, onCancel }: { defaults?: Partial<TaskInput>; onCreated: (t: Task) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  const campaigns = useCampaigns();
  const add = useAddTask();
  const [input, setInput] = useState<TaskInput>({ ...emptyInput(), ...defaults });
  const [item, setItem] = useState('');
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({ fields: {}, form: null });
  const addItem = () => {
    if (!item.trim()) return;
    setInput((cur) => ({ ...cur, checklist: [...cur.checklist, item.trim()] }));
    setItem('');
  };
  const submit = async () => {
    try {
      const created = await add.mutateAsync(item.trim() ? { ...input, checklist: [...input.checklist, item.trim()] } : input);
      notifications.show({ color: 'green', message: t('tasks.created', { title: created.title }) });
      onCreated(created);
    } catch (err) {
      setErrors(errorsOf(err));
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <TaskFields value={input} onChange={(p) => setInput((cur) => ({ ...cur, ...p }))} members={members.data ?? []} campaigns={campaigns.data ?? []} errors={errors.fields} />
        <Title order={5}>{t('tasks.field.checklist')}</Title>
        {input.checklist.map((text, i) => (
          <Group key={i} gap="xs" wrap="nowrap">
            <Checkbox checked={false} readOnly aria-hidden tabIndex={-1} />
            <Text size="sm" style={{ flex: 1 }}>
              {text}
            </Text>
            <ActionIcon variant="subtle" aria-label={t('tasks.removeItem', { text })} onClick={() => setInput((cur) => ({ ...cur, checklist: cur.checklist.filter((_, j) => j !== i) }))}>
              <IconX size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            style={{ flex: 1 }}
            placeholder={t('tasks.itemPlaceholder')}
            aria-label={t('tasks.newItem')}
            value={item}
            onChange={(e) => setItem(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addItem();
              }
            }}
            error={errors.fields.checklist}
          />
          <Button variant="default" leftSection={<IconPlus size={14} />} onClick={addItem}>
            {t('tasks.addItem')}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('tasks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** patchOf is what changed between a task and its form. */
function patchOf(task: Task, input: TaskInput): TaskPatch {
  const p: TaskPatch = {};
  const keys = ['title', 'description', 'assigneeId', 'backupId', 'due', 'dueTime', 'status', 'priority', 'estimateHours', 'campaignId'] as const;
  for (const k of keys) if (task[k] !== input[k]) (p as Record<string, unknown>)[k] = input[k];
  if (task.postIds.join() !== input.postIds.join()) p.postIds = input.postIds;
  return p;
}

function toInput(task: Task): TaskInput {
  return { ...emptyInput(), ...task, checklist: [] };
}

function TaskDetail({ id, onDeleted }: { id: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const task = useTask(id);
  const members = useMembers();
  const campaigns = useCampaigns();
  const update = useUpdateTask();
  const del = useDeleteTask();
  const [input, setInput] = useState<TaskInput | null>(null);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({ fields: {}, form: null });
  // The form follows the task (a teammate's change arriving) while not being edited.
  useEffect(() => {
    if (task.data && !editing) setInput(toInput(task.data));
  }, [task.data, editing]);
  if (task.isError) return <Alert color="red">{errorMessage(task.error)}</Alert>;
  if (!task.data || !input) return <Text c="dimmed">{t('common.loading')}</Text>;
  const cur = task.data;
  const save = async (patch: TaskPatch) => {
    try {
      await update.mutateAsync({ id, patch });
      setErrors({ fields: {}, form: null });
      setEditing(false);
      return true;
    } catch (err) {
      setErrors(errorsOf(err));
      return false;
    }
  };
  const campaignName = campaigns.data?.find((c) => c.id === cur.campaignId)?.name;
  return (
    <Stack gap="sm">
      {errors.form && (
        <Alert color="red" role="alert">
          {errors.form}
        </Alert>
      )}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(patchOf(cur, input));
          }}
        >
          <Stack gap="sm">
            <TaskFields value={input} onChange={(p) => setInput((c) => (c ? { ...c, ...p } : c))} members={members.data ?? []} campaigns={campaigns.data ?? []} errors={errors.fields} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  setEditing(false);
                  setErrors({ fields: {}, form: null });
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Summary task={cur} campaignName={campaignName} onEdit={() => setEditing(true)} onStatus={(s) => void save({ status: s })} />
      )}
      <Divider />
      <Checklist task={cur} />
      <Divider />
      <Links task={cur} campaignName={campaignName} onChange={(postIds) => void save({ postIds })} />
      <Divider />
      <CommentsAndHistory id={id} />
      <Divider />
      <Group justify="flex-end">
        <ConfirmDelete
          leftSection={<IconTrash size={14} />}
          question={t('tasks.deleteConfirm', { title: cur.title })}
          onConfirm={async () => {
            try {
              await del.mutateAsync(id);
              onDeleted();
            } catch (err) {
              notifications.show({ color: 'red', message: errorMessage(err) });
            }
          }}
        >
          {t('tasks.delete')}
        </ConfirmDelete>
      </Group>
    </Stack>
  );
}

function Summary({ task, campaignName, onEdit, onStatus }: { task: Task; campaignName?: string; onEdit: () => void; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  const name = (id: string) => (id ? (members.data?.find((m) => m.id === id)?.name ?? t('tasks.unknownMember')) : t('tasks.nobody'));
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-start">
        <Title order={4} data-testid="task-title">
          {task.title}
        </Title>
        <Button size="xs" variant="default" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      </Group>
      <Select
        label={t('tasks.field.status')}
        data={(['todo', 'doing', 'blocked', 'done'] as const).map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
        value={task.status}
        onChange={(v) => v && v !== task.status && onStatus(v)}
        allowDeselect={false}
        w={220}
        data-testid="task-status"
      />
      <Text size="sm">
        {t('tasks.field.assignee')}: <b>{name(task.assigneeId)}</b> · {t('tasks.field.backup')}: <b>{task.backupId ? name(task.backupId) : t('tasks.noBackup')}</b>
      </Text>
      <DueLine task={task} />
      <Text size="sm">
        {t('tasks.field.priority')}: {t(`tasks.priority.${task.priority}`)} · {t('tasks.estimateShort', { hours: task.estimateHours })}
        {campaignName ? ` · ${t('tasks.field.campaign')}: ${campaignName}` : ''}
      </Text>
      {task.description ? (
        <MarkdownText text={task.description} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('tasks.noDescription')}
        </Text>
      )}
    </Stack>
  );
}

function DueLine({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { dayTime } = useDates();
  return <Text size="sm">{task.due ? t('tasks.dueOn', { when: dayTime(task.due, task.dueTime) }) : t('tasks.noDue')}</Text>;
}

function Checklist({ task }: { task: Task }) {
  const { t } = useTranslation();
  const check = useCheckItem();
  const addItem = useAddItem();
  const remove = useRemoveItem();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    try {
      await addItem.mutateAsync({ taskId: task.id, text });
      setText('');
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const done = task.checklist.filter((i) => i.done).length;
  return (
    <Stack gap={6} data-testid="task-checklist">
      <Group justify="space-between">
        <Title order={5}>{t('tasks.field.checklist')}</Title>
        {task.checklist.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('tasks.checklistProgress', { done, count: task.checklist.length })}
          </Text>
        )}
      </Group>
      {task.checklist.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('tasks.checklistEmpty')}
        </Text>
      )}
      {task.checklist.map((it) => (
        <Group key={it.id} gap="xs" wrap="nowrap">
          <Checkbox
            style={{ flex: 1 }}
            label={it.text}
            checked={it.done}
            onChange={(e) =>
              check.mutate(
                { taskId: task.id, itemId: it.id, done: e.currentTarget.checked },
                { onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }) },
              )
            }
          />
          <ActionIcon variant="subtle" size="sm" aria-label={t('tasks.removeItem', { text: it.text })} onClick={() => remove.mutate({ taskId: task.id, itemId: it.id })}>
            <IconX size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <TextInput
          style={{ flex: 1 }}
          placeholder={t('tasks.itemPlaceholder')}
          aria-label={t('tasks.newItem')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
          error={error}
        />
        <Button variant="default" leftSection={<IconPlus size={14} />} onClick={() => void add()} disabled={!text.trim()}>
          {t('tasks.addItem')}
        </Button>
      </Group>
    </Stack>
  );
}

function LinkedPost({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const post = usePost(id);
  const title = post.data?.title ?? (post.isError ? t('tasks.postGone') : '…');
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to={`/calendar?post=${id}`} size="sm" style={{ flex: 1 }}>
        {title}
      </Anchor>
      <ActionIcon variant="subtle" size="sm" aria-label={t('tasks.unlinkPost', { title })} onClick={onRemove}>
        <IconX size={14} />
      </ActionIcon>
    </Group>
  );
}

function Links({ task, campaignName, onChange }: { task: Task; campaignName?: string; onChange: (postIds: string[]) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const hits = useSearch(query);
  const options = (hits.data ?? []).filter((h) => !task.postIds.includes(h.post.id)).map((h) => ({ value: h.post.id, label: h.post.title || h.post.id }));
  return (
    <Stack gap={6} data-testid="task-links">
      <Title order={5}>{t('tasks.links')}</Title>
      {task.postIds.length === 0 && !task.campaignId && !task.meetingId && (
        <Text size="sm" c="dimmed">
          {t('tasks.linksEmpty')}
        </Text>
      )}
      {task.postIds.map((pid) => (
        <LinkedPost key={pid} id={pid} onRemove={() => onChange(task.postIds.filter((x) => x !== pid))} />
      ))}
      {task.campaignId && (
        <Text size="sm">
          {t('tasks.field.campaign')}:{' '}
          <Anchor component={Link} to={`/calendar?campaign=${task.campaignId}`} size="sm">
            {campaignName ?? task.campaignId}
          </Anchor>
        </Text>
      )}
      {task.meetingId && (
        <Text size="sm" c="dimmed">
          {t('tasks.fromMeeting')}
        </Text>
      )}
      <Select
        placeholder={t('tasks.linkPost')}
        aria-label={t('tasks.linkPost')}
        searchable
        searchValue={query}
        onSearchChange={setQuery}
        data={options}
        value={null}
        onChange={(v) => {
          if (v) onChange([...task.postIds, v]);
          setQuery('');
        }}
        nothingFoundMessage={query.trim().length >= 2 ? t('tasks.noPostFound') : t('tasks.typeToFind')}
      />
    </Stack>
  );
}

function CommentsAndHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const comments = useTaskComments(id);
  const history = useTaskHistory(id);
  const members = useMembers();
  const addComment = useAddTaskComment();
  const [body, setBody] = useState('');
  const name = (mid: string) => (mid ? (members.data?.find((m) => m.id === mid)?.name ?? t('tasks.unknownMember')) : t('tasks.nobody'));
  const value = (kind: string, v: string) => (kind === 'status' ? t(`tasks.status.${v}`) : kind === 'deleted' ? '' : name(v));
  return (
    <Stack gap="xs">
      <Title order={5}>{t('tasks.comments')}</Title>
      {(comments.data ?? []).length === 0 && (
        <Text size="sm" c="dimmed">
          {t('tasks.noComments')}
        </Text>
      )}
      {(comments.data ?? []).map((c) => (
        <div key={c.id}>
          <Text size="xs" c="dimmed">
            {name(c.authorId)} · {formatDateTime(c.createdAt, i18n.language)}
          </Text>
          {/* A comment is text, never HTML. */}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </div>
      ))}
      <Group align="flex-end">
        <Textarea aria-label={t('tasks.addComment')} placeholder={t('tasks.addComment')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize style={{ flex: 1 }} />
        <Button
          size="xs"
          disabled={!body.trim()}
          onClick={async () => {
            try {
              await addComment.mutateAsync({ taskId: id, body });
              setBody('');
            } catch (err) {
              notifications.show({ color: 'red', message: errorMessage(err) });
            }
          }}
        >
          {t('tasks.send')}
        </Button>
      </Group>
      <Title order={5}>{t('tasks.history')}</Title>
      <Stack gap={4}>
        {(history.data ?? []).map((h) => (
          <Text key={h.id} size="xs">
            <Text span c="dimmed" size="xs">
              {formatDateTime(h.at, i18n.language)} · {name(h.memberId)}:
            </Text>{' '}
            {t(`tasks.historyKind.${['created', 'assignee', 'backup', 'status', 'deleted', 'handover'].includes(h.kind) ? h.kind : 'other'}`, {
              from: value(h.kind, h.from),
              to: value(h.kind, h.to),
              kind: h.kind,
            })}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
