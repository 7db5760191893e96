import { ActionIcon, Badge, Chip, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Repeat } from '../../shared/api/calendar';
import { repeatProblem, weekdayOf, type RepeatEnd } from './repeatRules';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** RepeatFields edits how a post repeats and which of its days are skipped. */
export function RepeatFields({
  value,
  exdates,
  date,
  error,
  onChange,
  onExdates,
  onProblem,
}: {
  value: Repeat | null;
  exdates: string[];
  date: string;
  error?: string;
  onChange: (r: Repeat | null) => void;
  onExdates: (days: string[]) => void;
  /** onProblem hears which number cannot be saved (null: none), so the editor does not save it. */
  onProblem?: (problem: 'interval' | 'count' | null) => void;
}) {
  const { t } = useTranslation();
  // The end is kept here too: a count typed as 0 must stay "after a number
  // of posts" (and be refused), not turn into a series without end.
  const [endMode, setEndMode] = useState<RepeatEnd>(value?.until ? 'until' : value?.count ? 'count' : 'never');
  const end: RepeatEnd = value?.until ? 'until' : value?.count ? 'count' : endMode === 'count' ? 'count' : 'never';
  const problem = repeatProblem(value, end);
  useEffect(() => onProblem?.(problem), [problem, onProblem]);
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
          // A weekly series has its first post's weekday ticked, so it starts on a day it repeats on.
          onChange(!v || v === 'none' ? null : { freq: v as Repeat['freq'], interval: value?.interval || 1, weekdays: v === 'weekly' && weekdayOf(date) ? [weekdayOf(date)] : [], monthlyBy: '', count: value?.count ?? 0, until: value?.until ?? '' })
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
            value={value.interval}
            onChange={(v) => set({ interval: typeof v === 'number' ? v : 0 })}
            error={problem === 'interval' ? t('errors.post.repeat_interval', { max: 99 }) : undefined}
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
              onChange={(v) => {
                setEndMode((v as RepeatEnd) ?? 'never');
                set(v === 'until' ? { until: date || '', count: 0 } : v === 'count' ? { count: 10, until: '' } : { count: 0, until: '' });
              }}
              allowDeselect={false}
              w={170}
            />
            {end === 'until' && <TextInput type="date" aria-label={t('repeat.onDate')} value={value.until} onChange={(e) => set({ until: e.currentTarget.value })} />}
            {end === 'count' && (
              <NumberInput aria-label={t('repeat.afterCount')} min={1} max={1000} value={value.count || ''} onChange={(v) => set({ count: typeof v === 'number' ? v : 0 })} error={problem === 'count' ? t('errors.post.repeat_count', { max: 1000 }) : undefined} w={100} suffix={` ${t('repeat.posts')}`} />
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
