import { ActionIcon, Alert, Badge, Button, Group, MultiSelect, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../../shared/api/calendar';
import { useNetworks } from '../../shared/api/team';
import {
  placeholdersOf,
  STANDARD_PLACEHOLDERS,
  usePieceCheck,
  type Kind,
  type PieceData,
  type PostData,
  type TemplateInput,
} from '../../shared/api/templates';

export type AnyData = Partial<PostData> & Partial<PieceData> & Record<string, unknown>;

/** emptyTemplate is a new template of a kind, in the window's language. */
export function emptyTemplate(kind: Kind, lang: string): TemplateInput<AnyData> {
  const data: AnyData =
    kind === 'post'
      ? { title: '', variants: {}, labels: [], channels: [], hashtags: [], placeholders: [] }
      : kind === 'snippet' || kind === 'hashtags'
        ? { variants: {} }
        : {};
  return { kind, name: '', lang: lang === 'id' ? 'id' : 'en', body: '', data };
}

interface FormProps {
  value: TemplateInput<AnyData>;
  onChange: (v: TemplateInput<AnyData>) => void;
  errors: Record<string, string>;
}

/** TemplateForm edits a template of any kind: the fields every kind has, then its own. */
export function TemplateForm({ value, onChange, errors }: FormProps) {
  const { t } = useTranslation();
  const set = <K extends keyof TemplateInput<AnyData>>(k: K, v: TemplateInput<AnyData>[K]) => onChange({ ...value, [k]: v });
  const setData = (patch: AnyData) => onChange({ ...value, data: { ...value.data, ...patch } });
  const bodyLabel = value.kind === 'hashtags' ? t('templates.hashtagsText') : value.kind === 'agenda' ? t('templates.agendaText') : t('templates.text');
  return (
    <Stack gap="sm">
      <TextInput label={t('templates.name')} value={value.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
      <Select
        label={t('templates.lang')}
        data={[
          { value: 'en', label: t('languages.en') },
          { value: 'id', label: t('languages.id') },
        ]}
        value={value.lang}
        onChange={(v) => set('lang', v ?? 'en')}
        allowDeselect={false}
        error={errors.lang}
      />
      {value.kind === 'post' && <TextInput label={t('templates.postTitle')} value={value.data.title ?? ''} onChange={(e) => setData({ title: e.currentTarget.value })} error={errors.title} />}
      <Textarea
        label={bodyLabel}
        description={value.kind === 'post' ? t('templates.textHint', { example: '{{product}}' }) : value.kind === 'hashtags' ? t('templates.hashtagsHint') : undefined}
        autosize
        minRows={value.kind === 'agenda' || value.kind === 'playbook' ? 10 : 3}
        value={value.body}
        onChange={(e) => set('body', e.currentTarget.value)}
        error={errors.body}
      />
      {(value.kind === 'post' || value.kind === 'snippet' || value.kind === 'hashtags') && (
        <VariantsField variants={value.data.variants ?? {}} onChange={(variants) => setData({ variants })} error={errors.variants} />
      )}
      {value.kind === 'post' && <PostFields value={value} setData={setData} errors={errors} />}
      {(value.kind === 'snippet' || value.kind === 'hashtags') && <PieceFindings body={value.body} variants={value.data.variants ?? {}} />}
    </Stack>
  );
}

function VariantsField({ variants, onChange, error }: { variants: Record<string, string>; onChange: (v: Record<string, string>) => void; error?: string }) {
  const { t } = useTranslation();
  const networks = useNetworks();
  const free = (networks.data ?? []).filter((n) => !(n.id in variants));
  const name = (id: string) => networks.data?.find((n) => n.id === id)?.name ?? id;
  return (
    <Stack gap={6}>
      {Object.keys(variants).map((nw) => (
        <Group key={nw} align="flex-end" wrap="nowrap">
          <Textarea
            style={{ flex: 1 }}
            autosize
            label={t('templates.variantFor', { network: name(nw) })}
            value={variants[nw]}
            onChange={(e) => onChange({ ...variants, [nw]: e.currentTarget.value })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('templates.removeVariant', { network: name(nw) })}
            onClick={() => {
              const next = { ...variants };
              delete next[nw];
              onChange(next);
            }}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Select
        placeholder={t('templates.addVariant')}
        aria-label={t('templates.addVariant')}
        data={free.map((n) => ({ value: n.id, label: n.name }))}
        value={null}
        onChange={(nw) => nw && onChange({ ...variants, [nw]: '' })}
        error={error}
        clearable={false}
      />
    </Stack>
  );
}

function PostFields({ value, setData, errors }: { value: TemplateInput<AnyData>; setData: (p: AnyData) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const channels = useChannels();
  const placeholders = value.data.placeholders ?? [];
  const used = placeholdersOf(value.data.title ?? '', value.body, ...Object.values(value.data.variants ?? {}));
  const custom = used.filter((k) => !(STANDARD_PLACEHOLDERS as readonly string[]).includes(k) && !placeholders.some((p) => p.key === k));
  return (
    <>
      <Group gap={6}>
        <Text size="sm">{t('templates.placeholdersUsed')}</Text>
        {used.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('templates.noPlaceholders')}
          </Text>
        )}
        {used.map((k) => (
          <Badge key={k} variant="light" tt="none">{`{{${k}}}`}</Badge>
        ))}
      </Group>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('templates.customPlaceholders')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('templates.customPlaceholdersHint')}
        </Text>
        {placeholders.map((p, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput label={t('templates.placeholderKey')} value={p.key} onChange={(e) => setData({ placeholders: placeholders.map((q, j) => (j === i ? { ...q, key: e.currentTarget.value } : q)) })} />
            <TextInput label={t('templates.placeholderLabel')} value={p.label} onChange={(e) => setData({ placeholders: placeholders.map((q, j) => (j === i ? { ...q, label: e.currentTarget.value } : q)) })} />
            <TextInput label={t('templates.placeholderExample')} value={p.example} onChange={(e) => setData({ placeholders: placeholders.map((q, j) => (j === i ? { ...q, example: e.currentTarget.value } : q)) })} />
            <ActionIcon variant="subtle" color="red" aria-label={t('templates.removePlaceholder')} onClick={() => setData({ placeholders: placeholders.filter((_, j) => j !== i) })}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {errors.placeholders && (
          <Text size="sm" c="red">
            {errors.placeholders}
          </Text>
        )}
        <Group gap="xs">
          {custom.map((k) => (
            <Button key={k} size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setData({ placeholders: [...placeholders, { key: k, label: k, example: '' }] })}>
              {t('templates.describePlaceholder', { name: k })}
            </Button>
          ))}
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setData({ placeholders: [...placeholders, { key: '', label: '', example: '' }] })}>
            {t('templates.addPlaceholder')}
          </Button>
        </Group>
      </Stack>
      <MultiSelect
        label={t('templates.channels')}
        data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.handle} (${c.network})` }))}
        value={value.data.channels ?? []}
        onChange={(v) => setData({ channels: v })}
        error={errors.channels}
      />
      <TagsInput label={t('templates.labels')} value={value.data.labels ?? []} onChange={(v) => setData({ labels: v })} />
      <TagsInput label={t('templates.hashtags')} description={t('templates.hashtagsDefaultHint')} value={value.data.hashtags ?? []} onChange={(v) => setData({ hashtags: v })} />
    </>
  );
}

/** PieceFindings shows what the style guide says about a snippet's or hashtag group's texts. */
export function PieceFindings({ body, variants }: { body: string; variants: Record<string, string> }) {
  const { t } = useTranslation();
  const check = usePieceCheck(body, variants);
  if (check.data === null) {
    return (
      <Text size="xs" c="dimmed" data-testid="styleguide-unavailable">
        {t('templates.noStyleGuide')}
      </Text>
    );
  }
  if (!check.data?.length) return null;
  return (
    <Alert color="orange" title={t('templates.findingsTitle')} data-testid="piece-findings">
      <Stack gap={4}>
        {check.data.flatMap((c) =>
          c.findings.map((f, i) => (
            <Text key={`${c.network}-${i}`} size="sm">
              {c.network ? `${c.network}: ` : ''}
              {t(`checks.${f.code}`, { ...f.params, defaultValue: f.code })}
            </Text>
          )),
        )}
      </Stack>
    </Alert>
  );
}
