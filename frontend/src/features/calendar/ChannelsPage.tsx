import { Alert, Button, Card, ColorInput, ColorSwatch, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useMembers, useNetworks } from '../../shared/api/team';
import { useAddCampaign, useAddChannel, useCampaigns, useChannels, useDeleteCampaign, useDeleteChannel, type CampaignInput, type ChannelInput } from '../../shared/api/calendar';

/** ChannelsPage manages the brand's channels and the year's campaigns. */
export function ChannelsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={960}>
      <Title order={2}>{t('nav.channels')}</Title>
      <ChannelsCard />
      <CampaignsCard />
    </Stack>
  );
}

function ChannelsCard() {
  const { t } = useTranslation();
  const channels = useChannels();
  const networks = useNetworks();
  const members = useMembers();
  const add = useAddChannel();
  const del = useDeleteChannel();
  const [input, setInput] = useState<ChannelInput>({ network: 'instagram', handle: '', color: '', ownerId: '', cadence: 3 });
  const [error, setError] = useState<string | null>(null);
  const netName = (id: string) => networks.data?.find((n) => n.id === id)?.name ?? id;

  return (
    <Card withBorder>
      <Stack>
        <div>
          <Title order={3}>{t('channels.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('channels.intro')}
          </Text>
        </div>
        {(channels.data ?? []).length === 0 ? (
          <Text c="dimmed" data-testid="channels-empty">
            {t('channels.empty')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('channels.network')}</Table.Th>
                <Table.Th>{t('channels.handle')}</Table.Th>
                <Table.Th>{t('channels.owner')}</Table.Th>
                <Table.Th>{t('channels.cadence')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(channels.data ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <ColorSwatch color={c.color || '#4c6ef5'} size={12} />
                      {netName(c.network)}
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.handle}</Table.Td>
                  <Table.Td>{members.data?.find((m) => m.id === c.ownerId)?.name ?? '—'}</Table.Td>
                  <Table.Td>{c.cadence}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => del.mutate(c.id)}>
                      {t('common.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group align="flex-end">
          <Select label={t('channels.network')} data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))} value={input.network} onChange={(v) => setInput({ ...input, network: v ?? 'other' })} allowDeselect={false} w={150} />
          <TextInput label={t('channels.handle')} placeholder="@kopinusantara" value={input.handle} onChange={(e) => setInput({ ...input, handle: e.currentTarget.value })} />
          <Select label={t('channels.owner')} data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))} value={input.ownerId || null} onChange={(v) => setInput({ ...input, ownerId: v ?? '' })} clearable w={150} />
          <NumberInput label={t('channels.cadence')} min={0} max={100} value={input.cadence} onChange={(v) => setInput({ ...input, cadence: Number(v) || 0 })} w={110} />
          <ColorInput label={t('team.color')} value={input.color} onChange={(v) => setInput({ ...input, color: v })} w={130} />
          <Button
            loading={add.isPending}
            onClick={async () => {
              setError(null);
              try {
                const ch = await add.mutateAsync(input);
                notifications.show({ color: 'green', message: t('channels.added', { handle: ch.handle }) });
                setInput({ ...input, handle: '' });
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('channels.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const emptyCampaign: CampaignInput = { name: '', kind: 'campaign', goal: '', description: '', startsOn: '', endsOn: '', color: '' };

function CampaignsCard() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const add = useAddCampaign();
  const del = useDeleteCampaign();
  const [input, setInput] = useState<CampaignInput>(emptyCampaign);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card withBorder>
      <Stack>
        <div>
          <Title order={3}>{t('campaigns.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('campaigns.intro')}
          </Text>
        </div>
        {(campaigns.data ?? []).length === 0 ? (
          <Text c="dimmed">{t('campaigns.empty')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {(campaigns.data ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <ColorSwatch color={c.color || '#d0bfff'} size={12} />
                      {c.name}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`campaigns.kind.${c.kind}`)}</Table.Td>
                  <Table.Td>
                    {c.startsOn} – {c.endsOn}
                  </Table.Td>
                  <Table.Td>{c.goal}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => del.mutate(c.id)}>
                      {t('common.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group align="flex-end">
          <TextInput label={t('campaigns.name')} value={input.name} onChange={(e) => setInput({ ...input, name: e.currentTarget.value })} />
          <SegmentedControl value={input.kind} onChange={(v) => setInput({ ...input, kind: v })} data={[{ value: 'campaign', label: t('campaigns.kind.campaign') }, { value: 'promotion', label: t('campaigns.kind.promotion') }]} />
          <TextInput type="date" label={t('campaigns.startsOn')} value={input.startsOn} onChange={(e) => setInput({ ...input, startsOn: e.currentTarget.value })} />
          <TextInput type="date" label={t('campaigns.endsOn')} value={input.endsOn} onChange={(e) => setInput({ ...input, endsOn: e.currentTarget.value })} />
          <TextInput label={t('campaigns.goal')} value={input.goal} onChange={(e) => setInput({ ...input, goal: e.currentTarget.value })} />
          <ColorInput label={t('team.color')} value={input.color} onChange={(v) => setInput({ ...input, color: v })} w={130} />
          <Button
            loading={add.isPending}
            onClick={async () => {
              setError(null);
              try {
                const c = await add.mutateAsync(input);
                notifications.show({ color: 'green', message: t('campaigns.added', { name: c.name }) });
                setInput(emptyCampaign); // the next campaign starts from a clean form
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('campaigns.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
