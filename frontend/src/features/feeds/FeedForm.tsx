import { Button, Group, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { STATUSES, useCampaigns, useChannels } from '../../shared/api/calendar';
import { useMembers, useNetworks } from '../../shared/api/team';
import { useAddFeed, useUpdateFeed, type FeedInput } from '../../shared/api/feeds';

export const emptyFeed = (language: string): FeedInput => ({
  name: '',
  memberId: '',
  channelId: '',
  network: '',
  campaignId: '',
  statuses: [],
  from: '',
  to: '',
  private: false,
  campaigns: true,
  language,
});

/** FeedForm adds or changes a feed: who it is for, what it holds, and whether texts stay private. */
export function FeedForm({ id, initial, onDone }: { id: string | null; initial: FeedInput; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<FeedInput>(initial);
  const [error, setError] = useState<AppError | null>(null);
  const members = useMembers();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const networks = useNetworks();
  const add = useAddFeed();
  const update = useUpdateFeed();
  const set = <K extends keyof FeedInput>(key: K, value: FeedInput[K]) => setF((cur) => ({ ...cur, [key]: value }));
  const fieldError = (field: string) => (error?.field === field ? errorMessage(error) : undefined);

  async function save() {
    setError(null);
    try {
      if (id) await update.mutateAsync({ id, input: f });
      else await add.mutateAsync(f);
      onDone();
    } catch (err) {
      setError(err instanceof AppError ? err : new AppError({ code: 'internal', message: String(err) }));
    }
  }

  return (
    <Stack>
      <TextInput
        label={t('feeds.name')}
        description={t('feeds.nameHint')}
        value={f.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={fieldError('name')}
        data-autofocus
      />
      <Select
        label={t('feeds.member')}
        description={t('feeds.memberHint')}
        placeholder={t('feeds.everyone')}
        data={(members.data ?? []).map((m) => ({ value: m.id, label: m.freelancer ? `${m.name} (${t('feeds.freelancer')})` : m.name }))}
        value={f.memberId || null}
        onChange={(v) => set('memberId', v ?? '')}
        clearable
      />
      <Group grow>
        <Select
          label={t('feeds.network')}
          placeholder={t('feeds.any')}
          data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
          value={f.network || null}
          onChange={(v) => set('network', v ?? '')}
          clearable
        />
        <Select
          label={t('feeds.channel')}
          placeholder={t('feeds.any')}
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.network} ${c.handle}` }))}
          value={f.channelId || null}
          onChange={(v) => set('channelId', v ?? '')}
          clearable
        />
      </Group>
      <Select
        label={t('feeds.campaign')}
        placeholder={t('feeds.any')}
        data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={f.campaignId || null}
        onChange={(v) => set('campaignId', v ?? '')}
        clearable
      />
      <MultiSelect
        label={t('feeds.statuses')}
        placeholder={f.statuses.length ? undefined : t('feeds.allStatuses')}
        data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={f.statuses}
        onChange={(v) => set('statuses', v)}
        error={fieldError('statuses')}
        clearable
      />
      <Group grow>
        <TextInput type="date" label={t('feeds.from')} value={f.from} onChange={(e) => set('from', e.currentTarget.value)} error={fieldError('from')} />
        <TextInput type="date" label={t('feeds.to')} value={f.to} onChange={(e) => set('to', e.currentTarget.value)} error={fieldError('to')} />
      </Group>
      <Switch label={t('feeds.private')} description={t('feeds.privateHint')} checked={f.private} onChange={(e) => set('private', e.currentTarget.checked)} />
      <Switch label={t('feeds.withCampaigns')} checked={f.campaigns} onChange={(e) => set('campaigns', e.currentTarget.checked)} />
      <Select
        label={t('feeds.language')}
        description={t('feeds.languageHint')}
        data={[
          { value: 'en', label: t('languages.en') },
          { value: 'id', label: t('languages.id') },
        ]}
        value={f.language}
        onChange={(v) => v && set('language', v)}
        allowDeselect={false}
      />
      {error && !error.field && (
        <Text c="red" size="sm" role="alert">
          {errorMessage(error)}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void save()} loading={add.isPending || update.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
