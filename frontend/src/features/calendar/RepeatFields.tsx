import { ActionIcon, Badge, Chip, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Repeat } from '../../shared/api/calendar';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type End = 'never' | 'until' | 'count';

/** RepeatFields edits how a post repeats and which of its days are skipped. */
export function RepeatFields({
  value,
  exdates,
  date,
  error,
  onChange,
  onExdates,
}: {
  value: Repeat | null;
  exdates: string[];
  date: string;
  error?: string;
  onChange: (r: Repeat | null) => void;
  onExdates: (days: string[]) => void;
}) {
  const { t } = useTranslation();
  const end: End = value?.until ? 'until' : value?.count ? 'count' : 'never';
  const set = (patch: Partial<Repeat>) => value && onChange({ ...value, ...patch });
  return (
    <Stack gap={6} data-testid="repeat">
      <Select
        label={t('repeat.label')}
        data={[
          { value: 'none', label: t('repeat.none') },
          { value: 'daily', label: t('repeat.daily') },
          { value: 'weekly', label: t('repeat.weekly') },
          { value: 'monthly', label: t('repeat.monthly') },
        ]}
        value={value?.freq ?? 'none'}
        onChange={(v) =>
          onChange(!v || v === 'none' ? null : { freq: v as Repeat['freq'], interval: value?.interval || 1, weekdays: [], monthlyBy: '', count: value?.count ?? 0, until: value?.until ?? '' })
        }
        error={error}
        description={!date && value ? t('repeat.needsDate') : undefined}
        allowDeselect={false}
      />
      {value && (
        <>
          <NumberInput
            label={t(`repeat.every.${value.freq}`)}
            min={1}
            max={99}
            value={value.interval || 1}
            onChange={(v) => set({ interval: typeof v === 'number' ? v : 1 })}
            w={160}
          />
          {value.freq === 'weekly' && (
            <Chip.Group multiple value={value.weekdays} onChange={(days) => set({ weekdays: days })}>
              <Group gap={4} aria-label={t('repeat.onDays')}>
                {WEEKDAYS.map((d) => (
                  <Chip key={d} value={d} size="xs">
                    {t(`repeat.days.${d}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          )}
          {value.freq === 'monthly' && (
            <SegmentedControl
              size="xs"
              value={value.monthlyBy || 'day'}
              onChange={(v) => set({ monthlyBy: v as Repeat['monthlyBy'] })}
              data={[
                { value: 'day', label: t('repeat.sameDay') },
                { value: 'weekday', label: t('repeat.sameWeekday') },
                { value: 'lastWeekday', label: t('repeat.lastWeekday') },
              ]}
            />
          )}
          <Group align="flex-end" gap="xs">
            <Select
              label={t('repeat.ends')}
              data={[
                { value: 'never', label: t('repeat.never') },
                { value: 'until', label: t('repeat.onDate') },
                { value: 'count', label: t('repeat.afterCount') },
              ]}
              value={end}
              onChange={(v) => set(v === 'until' ? { until: date || '', count: 0 } : v === 'count' ? { count: 10, until: '' } : { count: 0, until: '' })}
              allowDeselect={false}
              w={170}
            />
            {end === 'until' && <TextInput type="date" aria-label={t('repeat.onDate')} value={value.until} onChange={(e) => set({ until: e.currentTarget.value })} />}
            {end === 'count' && (
              <NumberInput aria-label={t('repeat.afterCount')} min={1} max={1000} value={value.count} onChange={(v) => set({ count: typeof v === 'number' ? v : 1 })} w={100} suffix={` ${t('repeat.posts')}`} />
            )}
          </Group>
          {exdates.length > 0 && (
            <div>
              <Text size="sm" fw={500}>
                {t('repeat.skipped')}
              </Text>
              <Group gap={4}>
                {exdates.map((d) => (
                  <Badge
                    key={d}
                    variant="light"
                    rightSection={
                      <ActionIcon size="xs" variant="transparent" aria-label={t('repeat.bringBack', { date: d })} onClick={() => onExdates(exdates.filter((x) => x !== d))}>
                        <IconX size={10} />
                      </ActionIcon>
                    }
                  >
                    {d}
                  </Badge>
                ))}
              </Group>
            </div>
          )}
        </>
      )}
    </Stack>
  );
}
