import { Alert, Badge, Button, Card, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useChannels } from '../../shared/api/calendar';
import { useLibrary, useRemoveFromLibrary, useUseLibraryItem, type LibraryItem } from '../../shared/api/templates';
import { formatDateTime } from '../../shared/lib/datetime';

/** LibraryPanel lists the approved content kept for reuse, most recently used first. */
export function LibraryPanel({ onCreated }: { onCreated: (postId: string) => void }) {
  const { t, i18n } = useTranslation();
  const lib = useLibrary();
  const channels = useChannels();
  const handle = (id: string) => channels.data?.find((c) => c.id === id)?.handle ?? '';
  if (lib.error) return <Alert color="red">{errorMessage(lib.error)}</Alert>;
  if (lib.data?.length === 0) {
    return (
      <Text c="dimmed" data-testid="library-empty">
        {t('templates.emptyLibrary')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {(lib.data ?? []).map((it) => (
        <Card key={it.id} withBorder padding="sm" data-testid="library-item">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Text fw={500}>{it.title || t('templates.untitled')}</Text>
              <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                {it.body}
              </Text>
              <Group gap={6}>
                {it.channels.map((c) => (
                  <Badge key={c} variant="light" tt="none">
                    {handle(c) || c}
                  </Badge>
                ))}
                {it.attachments.length > 0 && (
                  <Badge variant="outline" leftSection={<IconPaperclip size={12} />}>
                    {it.attachments.length}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed" data-testid="last-used">
                {it.lastUsedAt ? t('templates.lastUsed', { when: formatDateTime(it.lastUsedAt, i18n.language), count: it.useCount }) : t('templates.neverUsed')}
              </Text>
            </Stack>
            <ItemActions item={it} onCreated={onCreated} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function ItemActions({ item, onCreated }: { item: LibraryItem; onCreated: (postId: string) => void }) {
  const { t } = useTranslation();
  const use = useUseLibraryItem();
  const remove = useRemoveFromLibrary();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [error, setError] = useState('');
  return (
    <Group gap="xs" wrap="nowrap">
      <Popover width={260} position="bottom-end" withArrow trapFocus>
        <Popover.Target>
          <Button size="xs">{t('templates.reuse')}</Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <TextInput label={t('post.date')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
            <TextInput label={t('post.time')} type="time" value={time} onChange={(e) => setTime(e.currentTarget.value)} />
            {error && (
              <Text size="sm" c="red">
                {error}
              </Text>
            )}
            <Button
              size="xs"
              loading={use.isPending}
              onClick={async () => {
                setError('');
                try {
                  const post = await use.mutateAsync({ id: item.id, date, time });
                  notifications.show({ message: t('templates.postCreated', { title: post.title }), color: 'green' });
                  onCreated(post.id);
                } catch (err) {
                  setError(errorMessage(err));
                }
              }}
            >
              {t('templates.createDraft')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() =>
          remove.mutate(item.id, { onError: (err) => notifications.show({ message: errorMessage(err), color: 'red' }) })
        }
      >
        {t('templates.removeFromLibrary')}
      </Button>
    </Group>
  );
}
