import { ActionIcon, Alert, Badge, Button, Card, Code, Drawer, Group, Loader, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolder, IconPencil, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { chooseFolder } from '../../shared/api/sync';
import { useMembers } from '../../shared/api/team';
import {
  toFeedInput,
  useDeleteFeed,
  useFeeds,
  useFeedsFolder,
  useFeedTargets,
  useLastPublish,
  usePublishFeeds,
  useSetFeedsFolder,
  type Feed,
  type FeedInput,
} from '../../shared/api/feeds';
import { emptyFeed, FeedForm } from './FeedForm';
import { DeleteButton } from './DeleteButton';
import { LayersPanel } from './LayersPanel';
import { formatDateTime } from '../../shared/lib/datetime';

type Editing = { id: string | null; input: FeedInput } | null;

/**
 * FeedsPage manages calendar files: feeds Postdeck keeps published for
 * freelancers and clients who do not use the app, where they are written,
 * and calendars imported as layers.
 */
export function FeedsPage({ language }: { language: string }) {
  const { t, i18n } = useTranslation();
  const list = useFeeds();
  const members = useMembers();
  const targets = useFeedTargets();
  const last = useLastPublish();
  const publish = usePublishFeeds();
  const del = useDeleteFeed();
  const [editing, setEditing] = useState<Editing>(null);
  const memberName = (id: string) => members.data?.find((m) => m.id === id)?.name ?? '';

  function holds(f: Feed): string {
    const parts = [f.memberId ? t('feeds.holdsMember', { name: memberName(f.memberId) }) : t('feeds.holdsEveryone')];
    if (f.statuses?.length) parts.push(f.statuses.map((s) => t(`status.${s}`)).join(', '));
    if (f.from || f.to) parts.push(`${f.from || '…'} – ${f.to || '…'}`);
    return parts.join(' · ');
  }

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2}>{t('feeds.title')}</Title>
        <Text c="dimmed" maw={680}>
          {t('feeds.intro')}
        </Text>
        <Text c="dimmed" size="sm" maw={640} data-testid="feeds-not-encrypted">
          {t('feeds.notEncrypted')}
        </Text>
      </div>

      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Title order={4}>{t('feeds.listTitle')}</Title>
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                loading={publish.isPending}
                onClick={async () => {
                  try {
                    const r = await publish.mutateAsync();
                    notifications.show({ message: t('feeds.published', { written: r.written.length, unchanged: r.unchanged }) });
                  } catch (err) {
                    notifications.show({ color: 'red', message: errorMessage(err) });
                  }
                }}
              >
                {t('feeds.publishNow')}
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ id: null, input: emptyFeed(language) })}>
                {t('feeds.add')}
              </Button>
            </Group>
          </Group>
          {targets.data && targets.data.length === 0 ? (
            <Alert color="yellow" data-testid="feeds-nowhere">
              {t('feeds.nowhere')}{' '}
              <Link to="/sync">{t('feeds.goSync')}</Link>
            </Alert>
          ) : (
            <Text size="sm" c="dimmed" data-testid="feeds-targets">
              {t('feeds.publishedTo')} {(targets.data ?? []).map((d) => <Code key={d}>{d}</Code>)}
            </Text>
          )}
          {last?.error && (
            <Alert color="orange" data-testid="feeds-error">
              {errorMessage(new AppError({ code: last.error, params: last.errorParams, message: last.error }))}
            </Alert>
          )}
          {last && !last.error && (
            <Text size="xs" c="dimmed" data-testid="feeds-last">
              {t('feeds.lastPublish', { at: formatDateTime(last.at, i18n.language), count: last.written.length })}
            </Text>
          )}
          {list.isPending ? (
            <Loader size="sm" aria-label={t('common.loading')} />
          ) : (list.data ?? []).length === 0 ? (
            <Text c="dimmed" data-testid="feeds-empty">
              {t('feeds.empty')}
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('feeds.name')}</Table.Th>
                  <Table.Th>{t('feeds.file')}</Table.Th>
                  <Table.Th>{t('feeds.holds')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(list.data ?? []).map((f) => (
                  <Table.Tr key={f.id} data-testid="feed-row">
                    <Table.Td>
                      <Group gap={6}>
                        <Text fw={500}>{f.name}</Text>
                        {f.private && (
                          <Badge size="xs" variant="light" color="gray">
                            {t('feeds.privateBadge')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Code>{f.fileName}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{holds(f)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label={t('common.edit')}>
                          <ActionIcon variant="subtle" aria-label={t('feeds.editFeed', { name: f.name })} onClick={() => setEditing({ id: f.id, input: toFeedInput(f) })}>
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <DeleteButton label={t('feeds.deleteFeed', { name: f.name })} onDelete={() => del.mutateAsync(f.id)} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>

      <OwnFolder />
      <LayersPanel />

      <Drawer opened={editing !== null} onClose={() => setEditing(null)} position="right" size="md" title={editing?.id ? t('feeds.edit') : t('feeds.new')}>
        {editing && <FeedForm key={editing.id ?? 'new'} id={editing.id} initial={editing.input} onDone={() => setEditing(null)} />}
      </Drawer>
    </Stack>
  );
}

/** OwnFolder picks a folder on this computer that feeds are also written to. */
function OwnFolder() {
  const { t } = useTranslation();
  const folder = useFeedsFolder();
  const setFolder = useSetFeedsFolder();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = draft ?? folder.data ?? '';

  async function save(dir: string) {
    setError(null);
    try {
      await setFolder.mutateAsync(dir);
      setDraft(null);
      notifications.show({ color: 'green', message: dir ? t('feeds.folderSaved') : t('feeds.folderCleared') });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('feeds.folderTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('feeds.folderHelp')}
        </Text>
        <Group align="flex-end">
          <TextInput label={t('feeds.folder')} value={value} onChange={(e) => setDraft(e.currentTarget.value)} error={error} style={{ flex: 1 }} />
          <Button
            variant="default"
            leftSection={<IconFolder size={16} />}
            onClick={async () => {
              try {
                const picked = await chooseFolder(t('feeds.chooseTitle'));
                if (picked) setDraft(picked);
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('feeds.choose')}
          </Button>
          <Button onClick={() => void save(value.trim())} loading={setFolder.isPending} disabled={value.trim() === (folder.data ?? '')}>
            {t('common.save')}
          </Button>
          {folder.data && (
            <Button variant="subtle" color="gray" onClick={() => void save('')}>
              {t('feeds.stopFolder')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
