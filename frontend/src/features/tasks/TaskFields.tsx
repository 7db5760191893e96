import { NumberInput, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TASK_STATUSES, type TaskInput } from '../../shared/api/tasks';

export interface TaskFieldsProps {
  value: TaskInput;
  onChange: (patch: Partial<TaskInput>) => void;
  members: { id: string; name: string; backupId?: string }[];
  campaigns: { id: string; name: string }[];
  /** errors by field name (the backend's apperr field) */
  errors: Record<string, string>;
}

/** TaskFields are a task's own fields, shared by the new-task form and the drawer. */
export function TaskFields({ value, onChange, members, campaigns, errors }: TaskFieldsProps) {
  const { t } = useTranslation();
  const people = members.map((m) => ({ value: m.id, label: m.name }));
  const assignee = members.find((m) => m.id === value.assigneeId);
  const defaultBackup = members.find((m) => m.id === assignee?.backupId);
  return (
    <>
      <TextInput label={t('tasks.field.title')} value={value.title} onChange={(e) => onChange({ title: e.currentTarget.value })} error={errors.title} required data-autofocus />
      <Textarea
        label={t('tasks.field.description')}
        description={t('tasks.markdownHint')}
        autosize
        minRows={3}
        value={value.description}
        onChange={(e) => onChange({ description: e.currentTarget.value })}
        error={errors.description}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('tasks.field.assignee')}
          placeholder={t('tasks.nobody')}
          data={people}
          value={value.assigneeId || null}
          onChange={(v) => onChange({ assigneeId: v ?? '' })}
          searchable
          clearable
          error={errors.assigneeId}
        />
        <Select
          label={t('tasks.field.backup')}
          placeholder={defaultBackup ? t('tasks.backupDefault', { name: defaultBackup.name }) : t('tasks.noBackup')}
          data={people.filter((p) => p.value !== value.assigneeId)}
          value={value.backupId || null}
          onChange={(v) => onChange({ backupId: v ?? '' })}
          searchable
          clearable
          error={errors.backupId}
        />
        <TextInput type="date" label={t('tasks.field.due')} value={value.due} onChange={(e) => onChange(e.currentTarget.value ? { due: e.currentTarget.value } : { due: '', dueTime: '' })} error={errors.due} />
        <TextInput type="time" label={t('tasks.field.dueTime')} description={t('tasks.timeHint')} value={value.dueTime} onChange={(e) => onChange({ dueTime: e.currentTarget.value })} error={errors.dueTime} disabled={!value.due} />
        <Select
          label={t('tasks.field.status')}
          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
          value={value.status}
          onChange={(v) => v && onChange({ status: v })}
          allowDeselect={false}
          error={errors.status}
        />
        <Select
          label={t('tasks.field.priority')}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
          value={value.priority}
          onChange={(v) => v && onChange({ priority: v })}
          allowDeselect={false}
          error={errors.priority}
        />
        <NumberInput
          label={t('tasks.field.estimate')}
          min={0}
          max={500}
          step={0.5}
          decimalScale={2}
          value={value.estimateHours}
          onChange={(v) => onChange({ estimateHours: typeof v === 'number' ? v : Number(v) || 0 })}
          error={errors.estimateHours}
        />
        <Select
          label={t('tasks.field.campaign')}
          placeholder={t('tasks.noCampaign')}
          data={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          value={value.campaignId || null}
          onChange={(v) => onChange({ campaignId: v ?? '' })}
          searchable
          clearable
          error={errors.campaignId}
        />
      </SimpleGrid>
    </>
  );
}
