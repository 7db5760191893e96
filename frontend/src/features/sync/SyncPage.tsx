import { Alert, Badge, Button, Card, Checkbox, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolder, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { useMembers } from '../../shared/api/team';
import {
  chooseFolder,
  scanFolder,
  useConnect,
  useJoin,
  useLastRun,
  useLeave,
  useRepublish,
  useSyncNow,
  useSyncProgress,
  useSyncStatus,
  type FoundWorkspace,
  type SyncStatus,
} from '../../shared/api/sync';
import { AgreementPanel } from './AgreementPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { RefusedPanel } from './RefusedPanel';
import { DevicesPanel } from './DevicesPanel';
import { EncryptionPanel, KeyWaitingNotice } from './EncryptionPanel';
import { formatDateTime } from '../../shared/lib/datetime';
import { useDismissed } from '../../shared/lib/dismissed';

/** SyncPage sets up the shared folder and shows how sync is doing. */
export function SyncPage() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const last = useLastRun();
  const members = useMembers();
  const syncNow = useSyncNow();
  const leave = useLeave();

  if (status.isPending) return <Loader aria-label={t('common.loading')} />;
  if (status.isError) return <Alert color="red">{errorMessage(status.error)}</Alert>;
  const s = status.data;
  const memberName = (id: string) => members.data?.find((m) => m.id === id)?.name ?? t('sync.unknownMember');

  return (
    <Stack gap="lg" maw={900}>
      <div>
        <Title order={2}>{t('sync.title')}</Title>
        <Text c="dimmed" maw={640}>
          {t('sync.intro')}
        </Text>
      </div>
      {!s.enabled ? (
        <FolderSetUp />
      ) : (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Group gap="xs">
                <IconFolder size={18} />
                <Text fw={600} data-testid="sync-folder">
                  {s.folder}
                </Text>
              </Group>
              <Group gap="xs">
                <Button
                  leftSection={<IconRefresh size={16} />}
                  loading={syncNow.isPending}
                  onClick={async () => {
                    try {
                      const r = await syncNow.mutateAsync();
                      notifications.show({ message: t('sync.done', { sent: r.pushed, applied: r.applied }) });
                    } catch (err) {
                      notifications.show({ color: 'red', message: errorMessage(err) });
                    }
                  }}
                >
                  {t('sync.now')}
                </Button>
                <Button variant="default" onClick={() => leave.mutate()}>
                  {t('sync.leave')}
                </Button>
              </Group>
            </Group>
            {last?.error === FOLDER_EMPTIED ? (
              <EmptiedFolderQuestion folder={s.folder} onLeave={() => leave.mutate()} />
            ) : last?.error && (
              <Alert color="orange" data-testid="sync-error">
                {errorMessage(new AppError({ code: last.error, params: last.errorParams, message: last.error }))}
              </Alert>
            )}
            {s.encryption && <EncryptionPanel encryption={s.encryption} />}
            <Group gap="xl">
              <Stat label={t('sync.lastSync')} value={s.lastSync ? formatDateTime(s.lastSync, i18n.language) : t('sync.never')} />
              <Stat label={t('sync.outgoing')} value={String(s.outgoing)} />
              <Stat label={t('sync.incoming')} value={String(s.incoming)} />
              <Stat label={t('sync.conflicts')} value={String(s.conflicts)} />
            </Group>
            <AgreementPanel agreement={s.agreement} />
            {s.quarantined > 0 && <Alert color="orange">{t('sync.quarantined', { count: s.quarantined })}</Alert>}
            <RefusedPanel refused={s.refused ?? []} memberName={memberName} />
            {s.deviceChange && <DeviceChangeNotice change={s.deviceChange} />}
            {(last?.report.leftovers?.length ?? 0) > 0 && (
              <Text size="sm" c="dimmed">
                {t('sync.leftovers', { count: last!.report.leftovers.length })}
              </Text>
            )}
            <Title order={5}>{t('sync.devices')}</Title>
            {s.devices.length === 0 ? (
              <Text c="dimmed">{t('sync.noDevices')}</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sync.member')}</Table.Th>
                    <Table.Th>{t('sync.applied')}</Table.Th>
                    <Table.Th>{t('sync.seen')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.devices.map((d) => (
                    <Table.Tr key={d.deviceId}>
                      <Table.Td>{memberName(d.memberId)}</Table.Td>
                      <Table.Td>
                        {d.applied} / {d.published}
                      </Table.Td>
                      <Table.Td>{formatDateTime(d.seenAt, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Card>
      )}
      {s.enabled && <DevicesPanel encrypted={!!s.encryption && s.encryption.state !== 'off'} />}
      <ConflictsPanel />
    </Stack>
  );
}

/** The error a sync run reports when this computer's files are gone from the shared folder. */
const FOLDER_EMPTIED = 'sync.folder_emptied';

/**
 * EmptiedFolderQuestion asks before republishing: an emptied folder may be
 * the right folder someone cleaned out, or the wrong one (a drive that is
 * not connected), and only the person can tell.
 */
function EmptiedFolderQuestion({ folder, onLeave }: { folder: string; onLeave: () => void }) {
  const { t } = useTranslation();
  const republish = useRepublish();
  return (
    <Alert color="orange" title={t('sync.emptiedTitle')} data-testid="sync-emptied">
      <Stack gap="sm">
        <Text size="sm">{t('sync.emptiedQuestion', { folder })}</Text>
        <Group gap="xs">
          <Button
            loading={republish.isPending}
            onClick={async () => {
              try {
                await republish.mutateAsync();
                notifications.show({ color: 'green', message: t('sync.republished') });
              } catch (err) {
                notifications.show({ color: 'red', message: errorMessage(err) });
              }
            }}
          >
            {t('sync.republish')}
          </Button>
          <Button variant="default" onClick={onLeave}>
            {t('sync.leave')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** FolderSetUp chooses the shared folder: create the team folder or join one. */
export function FolderSetUp({ joinOnly = false }: { joinOnly?: boolean }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [found, setFound] = useState<FoundWorkspace[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const connect = useConnect();
  const join = useJoin();
  // A workspace shared for the first time is encrypted unless the person unticks it.
  const [encrypt, setEncrypt] = useState(true);
  const progress = useSyncProgress(connect.isPending || join.isPending);
  // Joined an encrypted folder on first run: nothing arrives until a teammate confirms this computer.
  const status = useSyncStatus();
  const keyWaiting = status.data?.enabled ? status.data.encryption?.waiting : undefined;

  async function look(path: string) {
    setError(null);
    setFound(null);
    try {
      setFound(await scanFolder(path));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function run(fn: () => Promise<{ pushed: number; applied: number }>) {
    setError(null);
    try {
      const r = await fn();
      notifications.show({ color: 'green', message: t('sync.connected', { sent: r.pushed, applied: r.applied }) });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('sync.setUpTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('sync.setUpHelp')}
        </Text>
        <Group align="flex-end">
          <TextInput
            label={t('sync.folder')}
            placeholder="/home/sari/Dropbox/Team"
            value={folder}
            onChange={(e) => setFolder(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            leftSection={<IconFolder size={16} />}
            onClick={async () => {
              try {
                const picked = await chooseFolder(t('sync.chooseTitle'));
                if (picked) {
                  setFolder(picked);
                  await look(picked);
                }
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('sync.choose')}
          </Button>
          <Button onClick={() => void look(folder)} disabled={!folder.trim()}>
            {t('sync.look')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {progress && (
          <Group gap="xs" data-testid="sync-progress">
            <Loader size="xs" />
            <Text size="sm">{t('sync.progress', { count: progress.applied, segments: progress.segments })}</Text>
          </Group>
        )}
        {joinOnly && keyWaiting && <KeyWaitingNotice waiting={keyWaiting} />}
        {found && found.length === 0 && joinOnly && <Text c="dimmed">{t('sync.nothingToJoin')}</Text>}
        {found && found.length === 0 && !joinOnly && (
          <Stack gap="xs">
            <Group justify="space-between">
              <Text>{t('sync.emptyFolder')}</Text>
              <Button loading={connect.isPending} onClick={() => void run(() => connect.mutateAsync({ folder, encrypt }))}>
                {t('sync.create')}
              </Button>
            </Group>
            <Checkbox
              label={t('sync.encryptNew')}
              checked={encrypt}
              onChange={(e) => setEncrypt(e.currentTarget.checked)}
              data-testid="sync-encrypt-new"
            />
          </Stack>
        )}
        {found?.map((w) => (
          <Group key={w.workspaceId} justify="space-between">
            <div>
              <Text fw={600}>{w.name || w.workspaceId}</Text>
              <Badge variant="light">{t('sync.devicesCount', { count: w.devices })}</Badge>
            </div>
            <Button loading={join.isPending} onClick={() => void run(() => join.mutateAsync({ folder, workspaceId: w.workspaceId }))}>
              {t('sync.join')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * DeviceChangeNotice says this computer continued as a new device (restored
 * from a backup, or a copy of another one). Once read it can be hidden; it is
 * remembered on this computer for that change only, so a later one shows.
 */
function DeviceChangeNotice({ change }: { change: NonNullable<SyncStatus['deviceChange']> }) {
  const { t, i18n } = useTranslation();
  const [hidden, hide] = useDismissed(`deviceChange.${change.deviceId}.${change.at}`);
  if (hidden) return null;
  return (
    <Alert color="blue" data-testid="sync-device-change" withCloseButton closeButtonLabel={t('sync.deviceChangeHide')} onClose={hide}>
      {t(change.reason === 'restored' ? 'sync.deviceRestored' : 'sync.deviceCloned', {
        at: formatDateTime(change.at, i18n.language),
      })}
    </Alert>
  );
}
