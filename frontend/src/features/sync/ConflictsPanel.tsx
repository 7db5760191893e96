import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useMembers } from '../../shared/api/team';
import { useConflicts, useResolveConflict, type ConflictChoice, type ConflictView } from '../../shared/api/sync';

/** show renders a stored value as plain text (never as HTML). */
export function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(show).join(', ');
  return JSON.stringify(v);
}

/** ConflictsPanel lists concurrent edits that need a person to decide. */
export function ConflictsPanel() {
  const { t } = useTranslation();
  const conflicts = useConflicts();
  if (conflicts.isPending) return null;
  if (conflicts.isError) return <Alert color="red">{errorMessage(conflicts.error)}</Alert>;
  const list = conflicts.data ?? [];
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('conflicts.title')}</Title>
        {list.length === 0 ? (
          <Text c="dimmed" data-testid="conflicts-empty">
            {t('conflicts.empty')}
          </Text>
        ) : (
          list.map((c) => <ConflictCard key={c.id} c={c} />)
        )}
      </Stack>
    </Card>
  );
}

function ConflictCard({ c }: { c: ConflictView }) {
  const { t } = useTranslation();
  const members = useMembers();
  const resolve = useResolveConflict();
  const [editing, setEditing] = useState(false);
  const [merged, setMerged] = useState(typeof c.current === 'string' ? c.current : show(c.current));
  const what = c.entity === 'members' ? members.data?.find((m) => m.id === c.rowId)?.name ?? c.rowId : c.rowId;

  async function keep(choice: ConflictChoice) {
    try {
      await resolve.mutateAsync({ id: c.id, choice });
      notifications.show({ color: 'green', message: t('conflicts.resolved') });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  return (
    <Card withBorder data-testid="conflict">
      <Text fw={600}>{t('conflicts.what', { item: what, field: t(`fields.${c.field}`, { defaultValue: c.field }) })}</Text>
      <SimpleGrid cols={2} mt="sm">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('conflicts.current')}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-current">
            {show(c.current)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('conflicts.other')}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-other">
            {show(c.value)}
          </Text>
        </div>
      </SimpleGrid>
      {editing && (
        <Textarea mt="sm" label={t('conflicts.merged')} autosize minRows={2} value={merged} onChange={(e) => setMerged(e.currentTarget.value)} />
      )}
      <Group mt="sm" gap="xs">
        <Button size="xs" variant="light" onClick={() => void keep({ keep: 'current' })}>
          {t('conflicts.keepCurrent')}
        </Button>
        <Button size="xs" variant="light" onClick={() => void keep({ keep: 'other' })}>
          {t('conflicts.keepOther')}
        </Button>
        {typeof c.current === 'string' &&
          (editing ? (
            <Button size="xs" onClick={() => void keep({ keep: 'value', value: merged })}>
              {t('conflicts.saveMerged')}
            </Button>
          ) : (
            <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
              {t('conflicts.edit')}
            </Button>
          ))}
      </Group>
    </Card>
  );
}
