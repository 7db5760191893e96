import { Alert, Button, Checkbox, ColorInput, Group, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { groupedRoleOptions, type RoleLike } from '../../shared/lib/labels';
import type { MemberInput } from '../../shared/api/team';

export interface MemberFormProps {
  initial?: Partial<MemberInput>;
  /** The member being edited ("" when adding). */
  selfId?: string;
  roles: RoleLike[];
  networks: { id: string; name: string }[];
  members: { id: string; name: string }[];
  submitLabel: string;
  onSubmit: (input: MemberInput) => Promise<unknown>;
  onCancel?: () => void;
}

const empty: MemberInput = {
  name: '',
  email: '',
  roles: [],
  networks: [],
  // A full-time week until the user says otherwise; the workload counts
  // against it (and counts a member stored without hours the same way).
  capacityHours: 40,
  color: '',
  freelancer: false,
  backupId: '',
};

/**
 * MemberForm edits a member. Validation lives in the backend: its errors come
 * back with the field they belong to and are shown there, translated.
 */
export function MemberForm({ initial, selfId = '', roles, networks, members, submitLabel, onSubmit, onCancel }: MemberFormProps) {
  const { t } = useTranslation();
  const form = useForm<MemberInput>({ initialValues: { ...empty, ...initial } });
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: MemberInput) {
    setGeneral(null);
    form.clearErrors();
    setBusy(true);
    try {
      await onSubmit({ ...values, capacityHours: Number(values.capacityHours) || 0 });
    } catch (err) {
      const message = errorMessage(err);
      if (err instanceof AppError && err.field && err.field in form.values) {
        form.setFieldError(err.field, message);
      } else {
        setGeneral(message);
      }
    } finally {
      setBusy(false);
    }
  }

  const backupOptions = members.filter((m) => m.id !== selfId).map((m) => ({ value: m.id, label: m.name }));

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <TextInput label={t('team.name')} data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('team.email')} type="email" {...form.getInputProps('email')} />
        <MultiSelect
          label={t('team.roles')}
          description={t('team.rolesHint')}
          data={groupedRoleOptions(t, roles)}
          searchable
          {...form.getInputProps('roles')}
        />
        <MultiSelect
          label={t('team.networks')}
          data={networks.map((n) => ({ value: n.id, label: n.name }))}
          searchable
          {...form.getInputProps('networks')}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('team.capacity')}
            description={t('team.capacityHint')}
            min={0}
            max={168}
            {...form.getInputProps('capacityHours')}
          />
          <ColorInput label={t('team.color')} format="hex" {...form.getInputProps('color')} />
        </Group>
        <Select
          label={t('team.backup')}
          description={t('team.backupHint')}
          placeholder={t('team.noBackup')}
          data={backupOptions}
          clearable
          searchable
          value={form.values.backupId || null}
          onChange={(v) => form.setFieldValue('backupId', v ?? '')}
          error={form.errors.backupId}
        />
        <Checkbox label={t('team.freelancer')} {...form.getInputProps('freelancer', { type: 'checkbox' })} />
        <Group justify="flex-end" mt="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
