import { Alert, Anchor, Badge, Button, Card, Group, Kbd, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useAwaitingApproval, type Post } from '../../shared/api/calendar';
import { useMyWork, type Task } from '../../shared/api/tasks';
import { useDates } from '../../shared/lib/datetime';

/**
 * MyWorkPage is the landing page of the member using this computer: their
 * open tasks overdue, due today and this week, and what waits on them (posts
 * to approve, meeting action items, other tasks).
 */
export function MyWorkPage({ me }: { me: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const work = useMyWork(!!me);
  const approvals = useAwaitingApproval();
  if (!me) {
    return (
      <Stack>
        <Title order={2}>{t('myWork.title')}</Title>
        <Alert color="blue" data-testid="mywork-no-me">
          {t('myWork.noMe')}{' '}
          <Anchor component={Link} to="/settings">
            {t('myWork.openSettings')}
          </Anchor>
        </Alert>
      </Stack>
    );
  }
  if (work.isError) return <Alert color="red">{errorMessage(work.error)}</Alert>;
  const w = work.data;
  const posts = approvals.data ?? [];
  const nothing = w && w.overdue.length + w.dueToday.length + w.thisWeek.length + w.actionItems.length + w.waiting.length + posts.length === 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('myWork.title')}</Title>
        <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => navigate(`/tasks?new=1&for=${me}`)} rightSection={<Kbd size="xs">Alt+T</Kbd>}>
          {t('tasks.new')}
        </Button>
      </Group>
      {nothing && (
        <Alert color="green" data-testid="mywork-empty">
          {t('myWork.allClear')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title={t('myWork.overdue')} testId="mywork-overdue" empty={t('myWork.overdueEmpty')} count={w?.overdue.length} color="red">
          {w?.overdue.map((x) => <TaskRow key={x.id} task={x} late />)}
        </Section>
        <Section title={t('myWork.today')} testId="mywork-today" empty={t('myWork.todayEmpty')} count={w?.dueToday.length}>
          {w?.dueToday.map((x) => <TaskRow key={x.id} task={x} />)}
        </Section>
        <Section title={t('myWork.thisWeek')} testId="mywork-week" empty={t('myWork.weekEmpty')} count={w?.thisWeek.length}>
          {w?.thisWeek.map((x) => <TaskRow key={x.id} task={x} />)}
        </Section>
        <Section title={t('myWork.waiting')} testId="mywork-waiting" empty={t('myWork.waitingEmpty')} count={w ? w.actionItems.length + w.waiting.length + posts.length : undefined}>
          {posts.length > 0 && <SubTitle>{t('myWork.toApprove')}</SubTitle>}
          {posts.map((p) => (
            <PostRow key={p.id} post={p} />
          ))}
          {(w?.actionItems.length ?? 0) > 0 && <SubTitle>{t('myWork.actionItems')}</SubTitle>}
          {w?.actionItems.map((x) => <TaskRow key={x.id} task={x} />)}
          {(w?.waiting.length ?? 0) > 0 && <SubTitle>{t('myWork.otherTasks')}</SubTitle>}
          {w?.waiting.map((x) => <TaskRow key={x.id} task={x} />)}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function SubTitle({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt={4}>
      {children}
    </Text>
  );
}

function Section({ title, testId, empty, count, color, children }: { title: string; testId: string; empty: string; count?: number; color?: string; children: ReactNode }) {
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        {count !== undefined && (
          <Badge variant="light" color={count && color ? color : 'gray'}>
            {count}
          </Badge>
        )}
      </Group>
      <Stack gap={6}>
        {count === 0 ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : (
          children
        )}
      </Stack>
    </Card>
  );
}

function TaskRow({ task, late = false }: { task: Task; late?: boolean }) {
  const { t } = useTranslation();
  const dates = useDates();
  const done = task.checklist.filter((i) => i.done).length;
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" data-task-id={task.id}>
      <Anchor component={Link} to={`/tasks?task=${task.id}`} size="sm" style={{ flex: 1 }}>
        {task.title}
      </Anchor>
      <Group gap={6} wrap="nowrap">
        {task.checklist.length > 0 && (
          <Group gap={2} wrap="nowrap">
            <IconChecklist size={12} />
            <Text size="xs" c="dimmed" data-testid="checklist-progress">
              {done}/{task.checklist.length}
            </Text>
          </Group>
        )}
        {task.due && (
          <Text size="xs" c={late ? 'red' : 'dimmed'}>
            {dates.dayTime(task.due, task.dueTime)}
          </Text>
        )}
        <Badge size="xs" variant="light">
          {t(`tasks.status.${task.status}`)}
        </Badge>
      </Group>
    </Group>
  );
}

function PostRow({ post }: { post: Post }) {
  const dates = useDates();
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Anchor component={Link} to={`/calendar?post=${post.id}`} size="sm" style={{ flex: 1 }}>
        {post.title}
      </Anchor>
      {post.date && (
        <Text size="xs" c="dimmed">
          {dates.dayTime(post.date, post.time)}
        </Text>
      )}
    </Group>
  );
}
