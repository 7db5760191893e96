import { ActionIcon, Badge, Card, Group, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowsMove, IconChecklist } from '@tabler/icons-react';
import { DndContext, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type Task, type TaskStatus } from '../../shared/api/tasks';
import { useDates } from '../../shared/lib/datetime';

export interface TaskBoardProps {
  tasks: Task[];
  /** names of members by id, for the assignee on each card */
  names: Record<string, string>;
  today: string;
  onOpen: (task: Task) => void;
  onMove: (task: Task, status: TaskStatus) => void;
}

/**
 * TaskBoard shows tasks in a column per status. A card is dragged to another
 * column with the mouse (dnd-kit), or moved with its "Move to" menu from the
 * keyboard.
 */
export function TaskBoard({ tasks, names, today, onOpen, onMove }: TaskBoardProps) {
  const { t } = useTranslation();
  // A short distance before a drag starts, so a click still opens the card.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const byId = new Map(tasks.map((x) => [x.id, x]));
  const onDragEnd = (e: DragEndEvent) => {
    const task = byId.get(String(e.active.id));
    const to = e.over?.id as TaskStatus | undefined;
    if (task && to && to !== task.status) onMove(task, to);
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="task-board">
        {TASK_STATUSES.map((s) => (
          <Column key={s} status={s} tasks={tasks.filter((x) => x.status === s)} names={names} today={today} onOpen={onOpen} onMove={onMove} title={t(`tasks.status.${s}`)} />
        ))}
      </SimpleGrid>
    </DndContext>
  );
}

function Column({ status, title, tasks, ...rest }: { status: TaskStatus; title: string; tasks: Task[] } & Omit<TaskBoardProps, 'tasks'>) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <Paper ref={setNodeRef} withBorder p="xs" bg={isOver ? 'var(--mantine-color-blue-light)' : undefined} data-testid={`column-${status}`} aria-label={title} role="region" mih={160}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{title}</Title>
        <Badge variant="light" color="gray">
          {tasks.length}
        </Badge>
      </Group>
      <Stack gap={6}>
        {tasks.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('tasks.columnEmpty')}
          </Text>
        )}
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} {...rest} />
        ))}
      </Stack>
    </Paper>
  );
}

function TaskCard({ task, names, today, onOpen, onMove }: { task: Task } & Omit<TaskBoardProps, 'tasks'>) {
  const { t } = useTranslation();
  const dates = useDates();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: task.id });
  const done = task.checklist.filter((i) => i.done).length;
  const overdue = task.status !== 'done' && task.due !== '' && task.due < today;
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10, opacity: isDragging ? 0.8 : 1 } : undefined;
  return (
    <Card ref={setNodeRef} withBorder p="xs" style={style} {...listeners} {...attributes} data-testid="task-card" data-task-id={task.id} aria-roledescription={t('tasks.card')}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Text size="sm" fw={500} style={{ cursor: 'pointer', flex: 1 }} onClick={() => onOpen(task)} onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.stopPropagation();
            onOpen(task);
          }} tabIndex={0} role="button">
          {task.title}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" size="sm" aria-label={t('tasks.moveTo', { title: task.title })} onPointerDown={(e) => e.stopPropagation()}>
              <IconArrowsMove size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {TASK_STATUSES.filter((s) => s !== task.status).map((s) => (
              <Menu.Item key={s} onClick={() => onMove(task, s)}>
                {t(`tasks.status.${s}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Group gap={6} mt={4}>
        {task.assigneeId && (
          <Text size="xs" c="dimmed">
            {names[task.assigneeId] ?? t('tasks.unknownMember')}
          </Text>
        )}
        {task.due && (
          <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
            {dates.dayTime(task.due, task.dueTime)}
          </Text>
        )}
        {task.priority !== 'normal' && (
          <Badge size="xs" variant="light" color={task.priority === 'urgent' ? 'red' : task.priority === 'high' ? 'orange' : 'gray'}>
            {t(`tasks.priority.${task.priority}`)}
          </Badge>
        )}
        {task.checklist.length > 0 && (
          <Group gap={2}>
            <IconChecklist size={12} />
            <Text size="xs" c="dimmed" data-testid="checklist-progress">
              {done}/{task.checklist.length}
            </Text>
          </Group>
        )}
      </Group>
    </Card>
  );
}
