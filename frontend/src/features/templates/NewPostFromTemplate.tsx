import { Alert, Badge, Button, Card, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useCampaigns, useChannels } from '../../shared/api/calendar';
import {
  placeholdersOf,
  STANDARD_PLACEHOLDERS,
  useNewPostFromTemplate,
  usePreview,
  useTemplates,
  type FromTemplate,
  type PostData,
} from '../../shared/api/templates';
import { AppError } from '../../shared/lib/bridge';

/**
 * NewPostFromTemplate asks for a post template's placeholder values, shows
 * the text each channel gets with the style guide's findings, and creates
 * a draft.
 */
export function NewPostFromTemplate({
  opened,
  templateId,
  onClose,
  onCreated,
}: {
  opened: boolean;
  templateId: string | null;
  onClose: () => void;
  onCreated: (postId: string) => void;
}) {
  const { t } = useTranslation();
  const list = useTemplates<PostData>('post');
  const channels = useChannels();
  const campaigns = useCampaigns();
  const create = useNewPostFromTemplate();
  const [id, setId] = useState<string | null>(templateId);
  const [input, setInput] = useState<FromTemplate>({ values: {}, channels: [], date: '', time: '', campaignId: '' });
  const [error, setError] = useState('');
  useEffect(() => {
    if (opened) {
      setId(templateId);
      setError('');
    }
  }, [opened, templateId]);
  const tpl = list.data?.find((x) => x.id === id);
  useEffect(() => {
    if (tpl) setInput({ values: {}, channels: tpl.data.channels ?? [], date: '', time: '', campaignId: '' });
  }, [tpl?.id]);

  const keys = useMemo(
    () => (tpl ? placeholdersOf(tpl.data.title ?? '', tpl.body, ...Object.values(tpl.data.variants ?? {})) : []),
    [tpl],
  );
  const [debounced] = useDebouncedValue(input, 250);
  const preview = usePreview(tpl ? tpl.id : null, debounced);
  const missing = preview.error instanceof AppError && preview.error.code === 'template.value_missing';

  const labelOf = (k: string) => {
    const custom = tpl?.data.placeholders?.find((p) => p.key === k);
    if (custom) return { label: custom.label || k, example: custom.example };
    if ((STANDARD_PLACEHOLDERS as readonly string[]).includes(k)) return { label: t(`templates.standard.${k}`), example: t(`templates.standardExample.${k}`) };
    return { label: k, example: '' };
  };
  const setValue = (k: string, v: string) => setInput((i) => ({ ...i, values: { ...i.values, [k]: v } }));

  async function submit() {
    if (!tpl) return;
    setError('');
    try {
      const post = await create.mutateAsync({ id: tpl.id, input });
      notifications.show({ message: t('templates.postCreated', { title: post.title }), color: 'green' });
      onCreated(post.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('templates.newPost')} size="xl">
      <Stack gap="sm">
        <Select
          label={t('templates.pickTemplate')}
          data={(list.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={id}
          onChange={setId}
          searchable
          nothingFoundMessage={t('templates.emptyPost')}
        />
        {list.data?.length === 0 && <Text c="dimmed">{t('templates.emptyPost')}</Text>}
        {tpl && (
          <>
            {keys.length > 0 && (
              <Stack gap={6} data-testid="placeholder-form">
                <Text fw={500}>{t('templates.fillIn')}</Text>
                {keys.map((k) => {
                  const { label, example } = labelOf(k);
                  return (
                    <TextInput
                      key={k}
                      label={label}
                      placeholder={example}
                      value={input.values[k] ?? ''}
                      onChange={(e) => setValue(k, e.currentTarget.value)}
                      data-placeholder={k}
                    />
                  );
                })}
              </Stack>
            )}
            <MultiSelect
              label={t('templates.channels')}
              data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.handle} (${c.network})` }))}
              value={input.channels}
              onChange={(v) => setInput((i) => ({ ...i, channels: v }))}
            />
            <Group grow>
              <TextInput label={t('post.date')} type="date" value={input.date} onChange={(e) => {
                  const date = e.currentTarget.value;
                  setInput((i) => ({ ...i, date }));
                }} />
              <TextInput label={t('post.time')} type="time" value={input.time} onChange={(e) => {
                  const time = e.currentTarget.value;
                  setInput((i) => ({ ...i, time }));
                }} />
              <Select
                label={t('post.campaign')}
                data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={input.campaignId || null}
                onChange={(v) => {
                  const c = campaigns.data?.find((x) => x.id === v);
                  setInput((i) => ({
                    ...i,
                    campaignId: v ?? '',
                    values: c && keys.includes('campaign') && !i.values.campaign ? { ...i.values, campaign: c.name } : i.values,
                  }));
                }}
                clearable
              />
            </Group>
            <Text fw={500}>{t('templates.result')}</Text>
            {missing && (
              <Text size="sm" c="dimmed" data-testid="preview-missing">
                {errorMessage(preview.error)}
              </Text>
            )}
            {preview.error && !missing && <Alert color="red">{errorMessage(preview.error)}</Alert>}
            {preview.data && !preview.error && (
              <Stack gap="xs" data-testid="template-preview">
                {!preview.data.checked && (
                  <Text size="xs" c="dimmed">
                    {t('templates.noStyleGuide')}
                  </Text>
                )}
                {preview.data.channels.length === 0 && (
                  <Card withBorder padding="sm">
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{preview.data.body}</Text>
                  </Card>
                )}
                {preview.data.channels.map((c) => (
                  <Card key={c.channelId} withBorder padding="sm">
                    <Group gap={6} mb={4}>
                      <Badge variant="light">{c.network}</Badge>
                      <Text size="sm" c="dimmed">
                        {c.handle}
                      </Text>
                      {preview.data.checked && c.findings.length === 0 && (
                        <Badge color="green" variant="light">
                          {t('templates.noFindings')}
                        </Badge>
                      )}
                    </Group>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{c.text}</Text>
                    {c.findings.map((f, i) => (
                      <Text key={i} size="sm" c={f.severity === 'error' ? 'red' : 'orange'}>
                        {t(`checks.${f.code}`, { ...f.params, defaultValue: f.code })}
                      </Text>
                    ))}
                  </Card>
                ))}
              </Stack>
            )}
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void submit()} loading={create.isPending} disabled={!tpl}>
                {t('templates.createDraft')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
