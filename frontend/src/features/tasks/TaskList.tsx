import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../shared/api/tasks';
import { useDates } from '../../shared/lib/datetime';

export interface TaskListProps {
  tasks: Task[];
  names: Record<string, string>;
  campaigns: Record<string, string>;
  today: string;
  onOpen: (task: Task) => void;
}

/** TaskList is the tasks as a table, by due day, each row opening its task. */
export function TaskList({ tasks, names, campaigns, today, onOpen }: TaskListProps) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <Table highlightOnHover verticalSpacing={6} data-testid="task-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tasks.field.title')}</Table.Th>
          <Table.Th>{t('tasks.field.assignee')}</Table.Th>
          <Table.Th>{t('tasks.field.due')}</Table.Th>
          <Table.Th>{t('tasks.field.status')}</Table.Th>
          <Table.Th>{t('tasks.field.priority')}</Table.Th>
          <Table.Th>{t('tasks.field.checklist')}</Table.Th>
          <Table.Th>{t('tasks.field.campaign')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task) => {
          const overdue = task.status !== 'done' && task.due !== '' && task.due < today;
          const done = task.checklist.filter((i) => i.done).length;
          return (
            <Table.Tr key={task.id} onClick={() => onOpen(task)} style={{ cursor: 'pointer' }} data-task-id={task.id}>
              <Table.Td>
                <Text
                  size="sm"
                  component="button"
                  type="button"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(task);
                  }}
                  style={{ all: 'unset', cursor: 'pointer' }}
                >
                  {task.title}
                </Text>
              </Table.Td>
              <Table.Td>{task.assigneeId ? (names[task.assigneeId] ?? t('tasks.unknownMember')) : <Text size="sm" c="dimmed">{t('tasks.nobody')}</Text>}</Table.Td>
              <Table.Td>
                <Text size="sm" c={overdue ? 'red' : undefined}>
                  {task.due ? dates.dayTime(task.due, task.dueTime) : '–'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={task.status === 'done' ? 'green' : task.status === 'blocked' ? 'red' : task.status === 'doing' ? 'blue' : 'gray'}>
                  {t(`tasks.status.${task.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`tasks.priority.${task.priority}`)}</Table.Td>
              <Table.Td>{task.checklist.length ? `${done}/${task.checklist.length}` : '–'}</Table.Td>
              <Table.Td>{task.campaignId ? (campaigns[task.campaignId] ?? '–') : '–'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
