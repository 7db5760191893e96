import { Alert, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import type { Member } from '../../shared/api/team';
import { useWorkload } from '../../shared/api/teamhealth';
import { useDates } from '../../shared/lib/datetime';

/** WEEKS is how many weeks the team page shows. */
const WEEKS = 4;

/**
 * WorkloadPanel shows each member's hours per week (tasks due and posts
 * owned) against their capacity, the weeks over it in red with who has room
 * on the same networks.
 */
export function WorkloadPanel({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const wl = useWorkload('', WEEKS);
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  if (wl.error) return <Alert color="red">{errorMessage(wl.error)}</Alert>;
  const data = wl.data;
  const starts = data?.members[0]?.weeks.map((w) => w.start) ?? [];

  return (
    <Card withBorder data-testid="workload-panel">
      <Stack gap="sm">
        <Group gap="xs">
          <IconChartBar size={18} />
          <Title order={4}>{t('workload.title')}</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('workload.intro')}
        </Text>
        {data && (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workload.member')}</Table.Th>
                  {starts.map((s) => (
                    <Table.Th key={s}>{t('workload.weekOf', { day: dates.day(s) })}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.members.map((m) => (
                  <Table.Tr key={m.memberId} data-testid="workload-row">
                    <Table.Td>
                      <Text fw={600}>{m.name}</Text>
                      <Text size="xs" c="dimmed">
                        {t('workload.capacity', { hours: m.capacityHours })}
                      </Text>
                    </Table.Td>
                    {m.weeks.map((w) => {
                      const cell = (
                        <Text size="sm" c={w.over ? 'red' : undefined} fw={w.over ? 700 : undefined} data-over={w.over}>
                          {t('workload.cell', { hours: round(w.hours), capacity: round(w.capacity) })}
                          <Text span size="xs" c="dimmed" display="block">
                            {t('workload.detail', { tasks: w.tasks, posts: w.posts })}
                            {w.absentDays > 0 && ` · ${t('workload.away', { count: w.absentDays })}`}
                          </Text>
                          {w.over && (
                            <Text span size="xs" display="block" c="red">
                              {w.suggest && w.suggest.length > 0
                                ? t('workload.suggest', { names: w.suggest.slice(0, 3).map((id) => names.get(id) ?? '?').join(', ') })
                                : t('workload.noRoom')}
                            </Text>
                          )}
                        </Text>
                      );
                      return (
                        <Table.Td key={w.start} bg={w.over ? 'var(--mantine-color-red-light)' : undefined}>
                          {w.over ? <Tooltip label={t('workload.over')}>{cell}</Tooltip> : cell}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
