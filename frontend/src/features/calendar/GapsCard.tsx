import { Anchor, Badge, Card, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useGaps, type Channel } from '../../shared/api/calendar';
import { useMembers, useNetworks } from '../../shared/api/team';

/**
 * GapsCard is the calendar keeper's view: channels with fewer posts planned
 * in the next 14 days than their cadence asks for. Clicking one filters the
 * calendar to that channel.
 */
export function GapsCard({ channels, keeperId, onPick }: { channels: Channel[]; keeperId: string; onPick: (channelId: string) => void }) {
  const { t } = useTranslation();
  const gaps = useGaps();
  const members = useMembers();
  const networks = useNetworks();
  const keeper = members.data?.find((m) => m.id === keeperId);
  const label = (id: string) => {
    const c = channels.find((x) => x.id === id);
    return c ? `${networks.data?.find((n) => n.id === c.network)?.name ?? c.network} ${c.handle}` : id;
  };
  const withCadence = channels.filter((c) => c.cadence > 0);
  const list = gaps.data?.gaps ?? [];
  return (
    <Card withBorder p="sm" data-testid="gaps">
      <Title order={5}>{t('gaps.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {keeper ? (
          t('gaps.keeper', { name: keeper.name })
        ) : (
          <>
            {t('gaps.noKeeper')}{' '}
            <Anchor component={Link} to="/settings" size="xs">
              {t('gaps.nameKeeper')}
            </Anchor>
          </>
        )}
      </Text>
      {channels.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('gaps.noChannels')}
        </Text>
      ) : withCadence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('gaps.noCadence')}
        </Text>
      ) : list.length === 0 ? (
        <Text size="sm" c="green">
          {t('gaps.none')}
        </Text>
      ) : (
        <Stack gap={8}>
          {list.map((g) => (
            <UnstyledButton key={g.channelId} onClick={() => onPick(g.channelId)} data-testid={`gap-${g.channelId}`}>
              <Text size="sm">{label(g.channelId)}</Text>
              <Badge color={g.planned === 0 ? 'red' : 'orange'} variant="light">
                {g.planned === 0 ? t('gaps.nothing') : t('gaps.count', { planned: g.planned, expected: g.expected })}
              </Badge>
            </UnstyledButton>
          ))}
        </Stack>
      )}
    </Card>
  );
}
