import { ActionIcon, Badge, Box, Button, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCampaigns, usePosts } from '../../shared/api/calendar';
import { campaignLink, dayLeft, monthStarts, yearBars } from './year';
import { formatMonth } from '../../shared/lib/datetime';
import { todayIn } from '../../shared/lib/days';
import { useWorkspaceInfo } from '../../shared/api/workspace';

const LANE = 34;

/** YearPage is the year plan: campaigns and promotions on one timeline, so the team plans the year ahead. */
export function YearPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Today is the workspace zone's day, as on the calendar, not this computer's.
  const info = useWorkspaceInfo();
  const today = todayIn(info.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const campaigns = useCampaigns();
  const posts = usePosts({ from: `${year}-01-01`, to: `${year}-12-31` });
  const { bars, lanes } = useMemo(() => yearBars(campaigns.data ?? [], year), [campaigns.data, year]);
  const months = monthStarts(year);
  const monthName = (m: number) => formatMonth(m, i18n.language);
  const counts = useMemo(() => {
    const n: Record<string, number> = {};
    for (const p of posts.data ?? []) if (p.campaignId) n[p.campaignId] = (n[p.campaignId] ?? 0) + 1;
    return n;
  }, [posts.data]);
  const todayLeft = Number(today.slice(0, 4)) === year ? dayLeft(today, year) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('year.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('year.intro')}
          </Text>
        </div>
        <Group gap="xs">
          <ActionIcon variant="default" aria-label={t('year.previous')} onClick={() => setYear(year - 1)}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Text fw={600} data-testid="year">
            {year}
          </Text>
          <ActionIcon variant="default" aria-label={t('year.next')} onClick={() => setYear(year + 1)}>
            <IconChevronRight size={16} />
          </ActionIcon>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => navigate('/channels')}>
            {t('year.addCampaign')}
          </Button>
        </Group>
      </Group>
      <Card withBorder p="sm">
        <Box pos="relative" h={22} mb={4}>
          {months.map((left, m) => (
            <Text key={m} size="xs" c="dimmed" pos="absolute" style={{ left: `${left}%` }}>
              {monthName(m)}
            </Text>
          ))}
        </Box>
        <Box pos="relative" h={Math.max(lanes, 1) * LANE + 8} data-testid="timeline" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          {months.map((left, m) => (
            <Box key={m} pos="absolute" top={0} bottom={0} style={{ left: `${left}%`, borderLeft: '1px solid var(--mantine-color-default-border)' }} />
          ))}
          {todayLeft !== null && <Box pos="absolute" top={0} bottom={0} style={{ left: `${todayLeft}%`, borderLeft: '2px solid var(--mantine-color-red-6)' }} aria-label={t('year.today')} />}
          {bars.map((b) => (
            <Tooltip key={b.campaign.id} label={`${b.campaign.name} · ${b.campaign.startsOn} – ${b.campaign.endsOn}`}>
              <Box
                component="button"
                pos="absolute"
                data-testid={`bar-${b.campaign.id}`}
                onClick={() => navigate(campaignLink(b.campaign))}
                style={{
                  left: `${b.left}%`,
                  width: `max(${b.width}%, 6px)`,
                  top: b.lane * LANE + 6,
                  height: LANE - 8,
                  background: b.campaign.color || 'var(--mantine-color-violet-3)',
                  border: 0,
                  borderRadius: 4,
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  textOverflow: 'ellipsis',
                  fontSize: 12,
                  padding: '0 6px',
                  cursor: 'pointer',
                  color: 'var(--mantine-color-black)',
                  textAlign: 'left',
                }}
              >
                {b.campaign.name}
              </Box>
            </Tooltip>
          ))}
        </Box>
        {bars.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" mt="sm">
            {t('year.empty', { year })}
          </Text>
        )}
      </Card>
      {bars.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.name')}</Table.Th>
              <Table.Th>{t('year.when')}</Table.Th>
              <Table.Th>{t('campaigns.goal')}</Table.Th>
              <Table.Th>{t('year.posts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bars.map((b) => (
              <Table.Tr key={b.campaign.id}>
                <Table.Td>
                  {b.campaign.name}{' '}
                  <Badge size="xs" variant="light">
                    {t(`campaigns.kind.${b.campaign.kind || 'campaign'}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {b.campaign.startsOn} – {b.campaign.endsOn}
                </Table.Td>
                <Table.Td>{b.campaign.goal}</Table.Td>
                <Table.Td>{counts[b.campaign.id] ?? 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
