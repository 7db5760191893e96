import { Alert, Badge, Card, Center, Group, List, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useMembers } from '../../shared/api/team';
import { useHealth, type HealthCheck, type HealthItem } from '../../shared/api/teamhealth';
import { useDates } from '../../shared/lib/datetime';

const color: Record<string, string> = { ok: 'green', warning: 'orange', problem: 'red' };

/** HealthPage shows the five goals of the team's setup, checked live. */
export function HealthPage() {
  const { t } = useTranslation();
  const report = useHealth();
  if (report.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (report.error) return <Alert color="red">{t('common.loadFailed', { message: errorMessage(report.error) })}</Alert>;
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('health.title')}</Title>
        <Text c="dimmed" maw={640}>
          {t('health.intro')}
        </Text>
      </div>
      {report.data.checks.map((c) => (
        <CheckCard key={c.id} check={c} />
      ))}
    </Stack>
  );
}

function CheckCard({ check }: { check: HealthCheck }) {
  const { t } = useTranslation();
  const Icon = check.state === 'ok' ? IconCircleCheck : check.state === 'warning' ? IconAlertTriangle : IconCircleX;
  return (
    <Card withBorder data-testid={`health-${check.id}`} data-state={check.state}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon color={color[check.state]} variant="light" radius="xl">
            <Icon size={18} />
          </ThemeIcon>
          <Title order={4}>{t(`health.checks.${check.id}.title`)}</Title>
        </Group>
        <Badge color={color[check.state]}>{t(`health.states.${check.state}`)}</Badge>
      </Group>
      <Text mt="xs">{t(`health.checks.${check.id}.advice.${check.state}`)}</Text>
      {check.items.length > 0 && (
        <List size="sm" mt="xs" spacing={4}>
          {check.items.map((it, i) => (
            <List.Item key={`${it.kind}:${it.id}:${i}`}>
              <ItemText item={it} />
            </List.Item>
          ))}
        </List>
      )}
      {check.total > check.items.length && (
        <Text size="sm" c="dimmed" mt={4}>
          {t('health.more', { count: check.total - check.items.length })}
        </Text>
      )}
    </Card>
  );
}

function ItemText({ item }: { item: HealthItem }) {
  const { t } = useTranslation();
  const dates = useDates();
  const members = useMembers();
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const p = (item.params ?? {}) as Record<string, unknown>;
  const name = (id: unknown) => names.get(String(id ?? '')) ?? '?';
  const day = (d: unknown) => (d ? dates.day(String(d)) : t('health.noDate'));
  const values: Record<string, unknown> = {
    label: item.label || t('handover.untitled'),
    ...p,
    start: day(p.start),
    from: day(p.from),
    to: day(p.to),
    date: day(p.date),
    due: day(p.due),
    backup: name(p.backup),
    assignee: name(p.assignee),
    suggest: Array.isArray(p.suggest) && p.suggest.length > 0 ? (p.suggest as string[]).slice(0, 3).map(name).join(', ') : t('health.nobodyWithRoom'),
    status: p.status ? t(`status.${String(p.status)}`) : '',
  };
  return <Text size="sm">{t(`health.reasons.${item.reason}`, values)}</Text>;
}
