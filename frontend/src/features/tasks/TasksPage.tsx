import { Alert, Button, Group, Kbd, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useCampaigns } from '../../shared/api/calendar';
import { useMembers } from '../../shared/api/team';
import { TASK_STATUSES, useMyWork, useTasks, useUpdateTask, type Task, type TaskFilter, type TaskStatus } from '../../shared/api/tasks';
import { TaskBoard } from './TaskBoard';
import { TaskDrawer } from './TaskDrawer';
import { TaskList } from './TaskList';
import { addDays } from '../../shared/lib/days';

/**
 * dueFilter turns the address's due filter into the backend's: "overdue" is
 * before today, "week" up to Sunday, "today" today only.
 */
export function dueFilter(due: string, today: string, weekEnds: string): Pick<TaskFilter, 'dueBefore' | 'dueFrom'> {
  if (!today) return {};
  switch (due) {
    case 'overdue':
      return { dueBefore: today };
    case 'today':
      return { dueFrom: today, dueBefore: addDays(today, 1) };
    case 'week':
      return { dueBefore: addDays(weekEnds || today, 1) };
    default:
      return {};
  }
}

/** TasksPage is the team's tasks as a board by status or a list, with filters kept in the address. */
export function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const members = useMembers();
  const campaigns = useCampaigns();
  const clock = useMyWork();
  const update = useUpdateTask();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const today = clock.data?.today ?? '';
  const filter: TaskFilter = {
    assigneeId: params.get('assignee') ?? '',
    status: params.get('status') ?? '',
    campaignId: params.get('campaign') ?? '',
    ...dueFilter(params.get('due') ?? '', today, clock.data?.weekEnds ?? ''),
  };
  const list = useTasks(filter);
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key !== 'task' && key !== 'new' });
  };
  const openTask = params.get('task');
  const isNew = params.get('new') === '1';
  const names = useMemo(() => Object.fromEntries((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const campaignNames = useMemo(() => Object.fromEntries((campaigns.data ?? []).map((c) => [c.id, c.name])), [campaigns.data]);
  const tasks = list.data ?? [];
  const filtered = !!(params.get('assignee') || params.get('status') || params.get('campaign') || params.get('due'));
  const move = async (task: Task, status: TaskStatus) => {
    try {
      await update.mutateAsync({ id: task.id, patch: { status } });
      notifications.show({ color: 'green', message: t('tasks.moved', { title: task.title, status: t(`tasks.status.${status}`) }) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  };
  const open = (task: Task) => setParam('task', task.id);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('tasks.title')}</Title>
        <Group>
          <SegmentedControl
            value={view}
            onChange={(v) => setParam('view', v === 'list' ? 'list' : null)}
            data={[
              { value: 'board', label: t('tasks.board') },
              { value: 'list', label: t('tasks.list') },
            ]}
            aria-label={t('tasks.viewLabel')}
          />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setParam('new', '1')} rightSection={<Kbd size="xs">Alt+T</Kbd>}>
            {t('tasks.new')}
          </Button>
        </Group>
      </Group>
      <Group gap="sm" data-testid="task-filters">
        <Select
          label={t('tasks.field.assignee')}
          placeholder={t('tasks.everyone')}
          data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={params.get('assignee')}
          onChange={(v) => setParam('assignee', v)}
          clearable
          searchable
          w={200}
        />
        <Select
          label={t('tasks.field.status')}
          placeholder={t('tasks.anyStatus')}
          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
          value={params.get('status')}
          onChange={(v) => setParam('status', v)}
          clearable
          w={180}
        />
        <Select
          label={t('tasks.field.due')}
          placeholder={t('tasks.anyDue')}
          data={[
            { value: 'overdue', label: t('tasks.dueFilter.overdue') },
            { value: 'today', label: t('tasks.dueFilter.today') },
            { value: 'week', label: t('tasks.dueFilter.week') },
          ]}
          value={params.get('due')}
          onChange={(v) => setParam('due', v)}
          clearable
          w={180}
        />
        <Select
          label={t('tasks.field.campaign')}
          placeholder={t('tasks.anyCampaign')}
          data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={params.get('campaign')}
          onChange={(v) => setParam('campaign', v)}
          clearable
          searchable
          w={200}
        />
      </Group>
      {list.isError && <Alert color="red">{errorMessage(list.error)}</Alert>}
      {list.isSuccess && tasks.length === 0 ? (
        <Alert color="gray" data-testid="tasks-empty">
          <Text size="sm">{filtered ? t('tasks.emptyFiltered') : t('tasks.empty')}</Text>
        </Alert>
      ) : view === 'board' ? (
        <TaskBoard tasks={tasks} names={names} today={today} onOpen={open} onMove={(task, s) => void move(task, s)} />
      ) : (
        <TaskList tasks={tasks} names={names} campaigns={campaignNames} today={today} onOpen={open} />
      )}
      <TaskDrawer
        taskId={openTask}
        isNew={isNew}
        defaults={{ assigneeId: params.get('for') ?? params.get('assignee') ?? '', campaignId: params.get('campaign') ?? '' }}
        onClose={() => {
          const next = new URLSearchParams(params);
          next.delete('task');
          next.delete('new');
          next.delete('for');
          setParams(next);
        }}
        onCreated={(task) => {
          const next = new URLSearchParams(params);
          next.delete('new');
          next.delete('for');
          next.set('task', task.id);
          setParams(next, { replace: true });
        }}
      />
    </Stack>
  );
}
