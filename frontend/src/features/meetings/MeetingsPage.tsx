import { Badge, Button, Card, Drawer, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useDates } from '../../shared/lib/datetime';
import { useMembers } from '../../shared/api/team';
import { useMeetings, type MeetingInput } from '../../shared/api/meetings';
import { emptyMeeting, MeetingForm } from './MeetingForm';

/** today is the computer's day as YYYY-MM-DD (the first guess for a new meeting's date). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * MeetingsPage lists the team's meetings (weekly check-ins and meetings with
 * stakeholders) with the next day of each, and plans new ones.
 */
export function MeetingsPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const list = useMeetings();
  const members = useMembers();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<MeetingInput | null>(null);

  const startNew = () =>
    setCreating(emptyMeeting('checkin', today(), t('meetings.defaultTitle.checkin'), (members.data ?? []).map((m) => m.id)));

  return (
    <Stack gap="lg" maw={960}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('meetings.pageTitle')}</Title>
          <Text c="dimmed" maw={680}>
            {t('meetings.intro')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={startNew} data-testid="meeting-new">
          {t('meetings.new')}
        </Button>
      </Group>
      <Card withBorder>
        {list.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : list.isError ? (
          <Text c="red">{t('common.loadFailed', { message: errorMessage(list.error) })}</Text>
        ) : (list.data ?? []).length === 0 ? (
          <Stack align="flex-start" data-testid="meetings-empty">
            <Text fw={500}>{t('meetings.emptyTitle')}</Text>
            <Text c="dimmed">{t('meetings.empty')}</Text>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={startNew}>
              {t('meetings.new')}
            </Button>
          </Stack>
        ) : (
          <Table highlightOnHover data-testid="meetings-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meetings.title')}</Table.Th>
                <Table.Th>{t('meetings.kindLabel')}</Table.Th>
                <Table.Th>{t('meetings.next')}</Table.Th>
                <Table.Th>{t('meetings.attendees')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((m) => (
                <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/meetings/${m.id}`)} data-testid="meeting-row">
                  <Table.Td>
                    <Group gap={6}>
                      <Text fw={500}>{m.title}</Text>
                      {m.repeat === 'weekly' && (
                        <Badge variant="light" leftSection={<IconRepeat size={12} />}>
                          {t('meetings.weekly')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`meetings.kind.${m.kind}`)}</Table.Td>
                  <Table.Td>
                    {m.ruleUnreadable ? (
                      <Text c="orange" size="sm">
                        {t('meetings.ruleUnreadable')}
                      </Text>
                    ) : m.next ? (
                      dates.dayTime(m.next, m.time)
                    ) : (
                      <Text c="dimmed">{t('meetings.noNext')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>{(m.attendeeIds?.length ?? 0) + (m.guests?.length ?? 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Drawer opened={creating !== null} onClose={() => setCreating(null)} title={t('meetings.new')} position="right" size="lg">
        {creating && (
          <MeetingForm
            initial={creating}
            onDone={(m) => {
              setCreating(null);
              navigate(`/meetings/${m.id}`);
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}
