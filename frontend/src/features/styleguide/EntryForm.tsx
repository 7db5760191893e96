import { Alert, Button, ColorInput, Group, NumberInput, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import {
  EMOJI_MODES,
  HASHTAG_KINDS,
  LABELS,
  MARKER_KINDS,
  RATINGS,
  SEVERITIES,
  TONES,
  USAGE_KINDS,
  type GuideEntry,
  type Section,
} from '../../shared/api/styleguide';

export interface Option {
  id: string;
  name: string;
}

export interface EntryFormProps {
  initial: GuideEntry;
  networks: Option[];
  channels: Option[];
  campaigns: Option[];
  onSubmit: (e: GuideEntry) => Promise<unknown>;
  onCancel: () => void;
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * EntryForm edits one entry of the style guide, showing the fields its
 * section uses. Validation lives in the backend: its errors come back with
 * the field they belong to and are shown there, translated.
 */
export function EntryForm({ initial, networks, channels, campaigns, onSubmit, onCancel }: EntryFormProps) {
  const { t } = useTranslation();
  const section = initial.section as Section;
  const form = useForm({
    initialValues: { ...initial, goodText: (initial.good ?? []).join('\n'), badText: (initial.bad ?? []).join('\n') },
  });
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = form.values;

  async function submit(values: typeof form.values) {
    setGeneral(null);
    form.clearErrors();
    setBusy(true);
    const { goodText, badText, ...entry } = values;
    try {
      await onSubmit({ ...entry, good: lines(goodText), bad: lines(badText), max: Number(entry.max) || 0 } as GuideEntry);
    } catch (err) {
      const message = errorMessage(err);
      if (err instanceof AppError && err.field && err.field in form.values) form.setFieldError(err.field, message);
      else setGeneral(message);
    } finally {
      setBusy(false);
    }
  }

  const opts = (values: readonly string[], group: string) => values.map((x) => ({ value: x, label: t(`styleguide.values.${group}.${x}`) }));
  const networkOptions = (everyLabel: string | null) => [
    ...(everyLabel ? [{ value: '', label: everyLabel }] : []),
    ...networks.map((n) => ({ value: n.id, label: n.name })),
  ];
  const select = (field: string, label: string, data: { value: string; label: string }[]) => (
    <Select label={label} data={data} allowDeselect={false} {...form.getInputProps(field)} />
  );
  const variants = (label: string) => (
    <TagsInput label={label} description={t('styleguide.fields.variantsHint')} {...form.getInputProps('variants')} />
  );
  const text = (label: string, autofocus = true) => <TextInput label={label} data-autofocus={autofocus || undefined} {...form.getInputProps('text')} />;

  let fields: React.ReactNode = null;
  switch (section) {
    case 'names':
      fields = (
        <>
          {text(t('styleguide.fields.nameText'))}
          {variants(t('styleguide.fields.nameVariants'))}
        </>
      );
      break;
    case 'terms':
      fields = (
        <>
          {text(t('styleguide.fields.termText'))}
          {variants(t('styleguide.fields.termVariants'))}
        </>
      );
      break;
    case 'tone':
      fields = (
        <>
          {select('network', t('styleguide.fields.network'), networkOptions(t('styleguide.fields.overall')))}
          {select('tone', t('styleguide.fields.tone'), opts(TONES, 'tone'))}
          <Textarea label={t('styleguide.fields.guidance')} autosize minRows={2} {...form.getInputProps('guidance')} />
          <Textarea label={t('styleguide.fields.good')} autosize minRows={2} {...form.getInputProps('goodText')} />
          <Textarea label={t('styleguide.fields.bad')} autosize minRows={2} {...form.getInputProps('badText')} />
        </>
      );
      break;
    case 'rating':
      fields = (
        <>
          {select('channelId', t('styleguide.fields.channel'), [
            { value: '', label: t('styleguide.fields.wholeWorkspace') },
            ...channels.map((c) => ({ value: c.id, label: c.name })),
          ])}
          {select('rating', t('styleguide.fields.rating'), RATINGS.map((r) => ({ value: r, label: r })))}
        </>
      );
      break;
    case 'branding':
      fields = (
        <>
          {select('kind', t('styleguide.fields.marker'), opts(MARKER_KINDS, 'marker'))}
          {text(t('styleguide.fields.description'), false)}
          {v.kind === 'colour' && <ColorInput label={t('styleguide.fields.color')} format="hex" {...form.getInputProps('color')} />}
        </>
      );
      break;
    case 'hashtags':
      fields = (
        <>
          {select('kind', t('styleguide.fields.hashtagKind'), opts(HASHTAG_KINDS, 'hashtag'))}
          {v.kind !== 'limit' && text(t('styleguide.fields.hashtag'), false)}
          {v.kind === 'required' &&
            select('channelId', t('styleguide.fields.onlyChannel'), [
              { value: '', label: t('styleguide.fields.everyNetwork') },
              ...channels.map((c) => ({ value: c.id, label: c.name })),
            ])}
          {v.kind === 'required' &&
            select('campaignId', t('styleguide.fields.onlyCampaign'), [
              { value: '', label: t('styleguide.fields.anyCampaign') },
              ...campaigns.map((c) => ({ value: c.id, label: c.name })),
            ])}
          {v.kind === 'banned' && <TextInput label={t('styleguide.fields.reason')} {...form.getInputProps('reason')} />}
          {v.kind === 'limit' && select('network', t('styleguide.fields.network'), networkOptions(null))}
          {v.kind === 'limit' && <NumberInput label={t('styleguide.fields.max')} min={0} max={1000} {...form.getInputProps('max')} />}
        </>
      );
      break;
    case 'banned':
      fields = (
        <>
          {text(t('styleguide.fields.phrase'))}
          <TextInput label={t('styleguide.fields.replacement')} {...form.getInputProps('replacement')} />
          <TextInput label={t('styleguide.fields.reason')} {...form.getInputProps('reason')} />
          {select('severity', t('styleguide.fields.severity'), opts(SEVERITIES, 'severity'))}
        </>
      );
      break;
    case 'emoji':
      fields = (
        <>
          {select('network', t('styleguide.fields.network'), networkOptions(t('styleguide.fields.everyNetwork')))}
          {select('mode', t('styleguide.fields.emojiMode'), opts(EMOJI_MODES, 'emoji'))}
          {v.mode === 'max' && <NumberInput label={t('styleguide.fields.max')} min={0} max={1000} {...form.getInputProps('max')} />}
        </>
      );
      break;
    case 'disclosures':
      fields = (
        <>
          {select('label', t('styleguide.fields.label'), opts(LABELS, 'label'))}
          {variants(t('styleguide.fields.tags'))}
        </>
      );
      break;
    case 'usage':
      fields = (
        <>
          {select('kind', t('styleguide.fields.usageKind'), opts(USAGE_KINDS, 'usage'))}
          <Textarea label={t('styleguide.fields.guideline')} autosize minRows={3} {...form.getInputProps('text')} />
        </>
      );
      break;
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        {fields}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
