import { Alert, Button, Card, ColorInput, ColorSwatch, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { ConfirmDelete } from './ConfirmDelete';
import { useMembers, useNetworks } from '../../shared/api/team';
import {
  useAddCampaign,
  useAddChannel,
  useCampaigns,
  useChannels,
  useDeleteCampaign,
  useDeleteChannel,
  useUpdateCampaign,
  useUpdateChannel,
  type Campaign,
  type CampaignInput,
  type Channel,
  type ChannelInput,
} from '../../shared/api/calendar';

/** ChannelsPage manages the brand's channels and the year's campaigns. */
export function ChannelsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={2}>{t('nav.channels')}</Title>
      <ChannelsCard />
      <CampaignsCard />
    </Stack>
  );
}

const channelInput = (c: Channel): ChannelInput => ({ network: c.network, handle: c.handle, color: c.color, ownerId: c.ownerId, cadence: c.cadence });

function ChannelsCard() {
  const { t } = useTranslation();
  const channels = useChannels();
  const networks = useNetworks();
  const members = useMembers();
  const add = useAddChannel();
  const update = useUpdateChannel();
  const del = useDeleteChannel();
  const [input, setInput] = useState<ChannelInput>({ network: 'instagram', handle: '', color: '', ownerId: '', cadence: 3 });
  const [editing, setEditing] = useState<{ id: string; input: ChannelInput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const netName = (id: string) => networks.data?.find((n) => n.id === id)?.name ?? id;
  const networkOptions = (networks.data ?? []).map((n) => ({ value: n.id, label: n.name }));
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));

  async function save() {
    if (!editing) return;
    setError(null);
    try {
      await update.mutateAsync(editing);
      notifications.show({ color: 'green', message: t('channels.saved', { handle: editing.input.handle.trim() }) });
      setEditing(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

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
                <Table.Th>{t('team.color')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(channels.data ?? []).map((c) =>
                editing?.id === c.id ? (
                  <Table.Tr key={c.id} data-testid={`channel-edit-${c.id}`}>
                    <Table.Td>
                      <Select aria-label={t('channels.network')} data={networkOptions} value={editing.input.network} onChange={(v) => setEditing({ ...editing, input: { ...editing.input, network: v ?? 'other' } })} allowDeselect={false} w={140} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={t('channels.handle')} value={editing.input.handle} onChange={(e) => setEditing({ ...editing, input: { ...editing.input, handle: e.currentTarget.value } })} onKeyDown={(e) => e.key === 'Enter' && void save()} data-autofocus />
                    </Table.Td>
                    <Table.Td>
                      <Select aria-label={t('channels.owner')} data={memberOptions} value={editing.input.ownerId || null} onChange={(v) => setEditing({ ...editing, input: { ...editing.input, ownerId: v ?? '' } })} clearable w={140} />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput aria-label={t('channels.cadence')} min={0} max={100} value={editing.input.cadence} onChange={(v) => setEditing({ ...editing, input: { ...editing.input, cadence: Number(v) || 0 } })} w={80} />
                    </Table.Td>
                    <Table.Td>
                      <ColorInput aria-label={t('team.color')} value={editing.input.color} onChange={(v) => setEditing({ ...editing, input: { ...editing.input, color: v } })} w={130} />
                    </Table.Td>
                    <Table.Td>
                      <RowEditActions onSave={() => void save()} onCancel={() => setEditing(null)} saving={update.isPending} />
                    </Table.Td>
                  </Table.Tr>
                ) : (
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
                      <ColorSwatch color={c.color || '#4c6ef5'} size={16} title={c.color} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing({ id: c.id, input: channelInput(c) })}>
                          {t('common.edit')}
                        </Button>
                        <ConfirmDelete
                          size="compact-xs"
                          question={t('channels.confirmDelete', { handle: `${netName(c.network)} ${c.handle}` })}
                          onConfirm={async () => {
                            try {
                              await del.mutateAsync(c.id);
                            } catch (err) {
                              setError(errorMessage(err));
                            }
                          }}
                        >
                          {t('common.delete')}
                        </ConfirmDelete>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group align="flex-end">
          <Select label={t('channels.network')} data={networkOptions} value={input.network} onChange={(v) => setInput({ ...input, network: v ?? 'other' })} allowDeselect={false} w={150} />
          <TextInput label={t('channels.handle')} placeholder="@kopinusantara" value={input.handle} onChange={(e) => setInput({ ...input, handle: e.currentTarget.value })} />
          <Select label={t('channels.owner')} data={memberOptions} value={input.ownerId || null} onChange={(v) => setInput({ ...input, ownerId: v ?? '' })} clearable w={150} />
          <NumberInput label={t('channels.cadence')} min={0} max={100} value={input.cadence} onChange={(v) => setInput({ ...input, cadence: Number(v) || 0 })} w={110} />
          <ColorInput label={t('team.color')} value={input.color} onChange={(v) => setInput({ ...input, color: v })} w={130} />
          <Button
            loading={add.isPending}
            onClick={async () => {
              setError(null);
              try {
                const ch = await add.mutateAsync(input);
                notifications.show({ color: 'green', message: t('channels.added', { handle: ch.handle }) });
                setInput({ ...input, handle: '', color: '' });
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

const campaignInput = (c: Campaign): CampaignInput => ({
  name: c.name,
  kind: c.kind || 'campaign',
  goal: c.goal,
  description: c.description,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  color: c.color,
});

const emptyCampaign: CampaignInput = { name: '', kind: 'campaign', goal: '', description: '', startsOn: '', endsOn: '', color: '' };

function CampaignsCard() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const add = useAddCampaign();
  const update = useUpdateCampaign();
  const del = useDeleteCampaign();
  const [input, setInput] = useState<CampaignInput>(emptyCampaign);
  const [editing, setEditing] = useState<{ id: string; input: CampaignInput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kinds = [
    { value: 'campaign', label: t('campaigns.kind.campaign') },
    { value: 'promotion', label: t('campaigns.kind.promotion') },
  ];

  async function save() {
    if (!editing) return;
    setError(null);
    try {
      await update.mutateAsync(editing);
      notifications.show({ color: 'green', message: t('campaigns.saved', { name: editing.input.name.trim() }) });
      setEditing(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  const edit = (patch: Partial<CampaignInput>) => editing && setEditing({ ...editing, input: { ...editing.input, ...patch } });

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
              {(campaigns.data ?? []).map((c) =>
                editing?.id === c.id ? (
                  <Table.Tr key={c.id} data-testid={`campaign-edit-${c.id}`}>
                    <Table.Td>
                      <TextInput aria-label={t('campaigns.name')} value={editing.input.name} onChange={(e) => edit({ name: e.currentTarget.value })} onKeyDown={(e) => e.key === 'Enter' && void save()} />
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl size="xs" value={editing.input.kind} onChange={(v) => edit({ kind: v })} data={kinds} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <TextInput type="date" aria-label={t('campaigns.startsOn')} value={editing.input.startsOn} onChange={(e) => edit({ startsOn: e.currentTarget.value })} />
                        <TextInput type="date" aria-label={t('campaigns.endsOn')} value={editing.input.endsOn} onChange={(e) => edit({ endsOn: e.currentTarget.value })} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={t('campaigns.goal')} value={editing.input.goal} onChange={(e) => edit({ goal: e.currentTarget.value })} />
                    </Table.Td>
                    <Table.Td>
                      <ColorInput aria-label={t('team.color')} value={editing.input.color} onChange={(v) => edit({ color: v })} w={130} />
                    </Table.Td>
                    <Table.Td>
                      <RowEditActions onSave={() => void save()} onCancel={() => setEditing(null)} saving={update.isPending} />
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <ColorSwatch color={c.color || '#d0bfff'} size={12} />
                        {c.name}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`campaigns.kind.${c.kind || 'campaign'}`)}</Table.Td>
                    <Table.Td>
                      {c.startsOn} – {c.endsOn}
                    </Table.Td>
                    <Table.Td>{c.goal}</Table.Td>
                    <Table.Td>
                      <ColorSwatch color={c.color || '#d0bfff'} size={16} title={c.color} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing({ id: c.id, input: campaignInput(c) })}>
                          {t('common.edit')}
                        </Button>
                        <ConfirmDelete
                          size="compact-xs"
                          question={t('campaigns.confirmDelete', { name: c.name })}
                          onConfirm={async () => {
                            try {
                              await del.mutateAsync(c.id);
                            } catch (err) {
                              setError(errorMessage(err));
                            }
                          }}
                        >
                          {t('common.delete')}
                        </ConfirmDelete>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group align="flex-end">
          <TextInput label={t('campaigns.name')} value={input.name} onChange={(e) => setInput({ ...input, name: e.currentTarget.value })} />
          <SegmentedControl value={input.kind} onChange={(v) => setInput({ ...input, kind: v })} data={kinds} />
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

/** RowEditActions are the Save and Cancel buttons of a table row being edited in place. */
function RowEditActions({ onSave, onCancel, saving }: { onSave: () => void; onCancel: () => void; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" onClick={onSave} loading={saving}>
        {t('common.save')}
      </Button>
      <Button size="compact-xs" variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
