import { Alert, Button, Card, Code, Divider, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDatabaseExport, IconFolderOpen, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import {
  checkBackup,
  chooseFolder,
  openFile,
  openWorkspace,
  restoreBackup,
  suggestRestoreTarget,
  useBackUp,
  useBackupFolder,
  useBackupProgress,
  type BackupManifest,
  type BackupSummary,
} from '../../shared/api/files';
import { formatDateTime } from '../../shared/lib/datetime';

/** size is a file size as people read it. */
export const size = (n: number) => (n < 1 << 20 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / (1 << 20)).toFixed(1)} MB`);

/** BackupCard backs the workspace up into one file and restores a backup into a new folder. */
export function BackupCard() {
  const { t } = useTranslation();
  const folder = useBackupFolder();
  const backUp = useBackUp();
  const [dir, setDir] = useState('');
  const [done, setDone] = useState<BackupSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useBackupProgress(backUp.isPending);

  useEffect(() => {
    if (folder.data && !dir) setDir(folder.data);
  }, [folder.data, dir]);

  async function run() {
    setError(null);
    setDone(null);
    try {
      setDone(await backUp.mutateAsync(dir.trim()));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('backup.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('backup.intro')}
        </Text>
        <Group align="flex-end">
          <TextInput label={t('backup.folder')} value={dir} onChange={(e) => setDir(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button
            variant="default"
            leftSection={<IconFolderOpen size={16} />}
            onClick={async () => {
              const d = await chooseFolder(t('backup.folder')).catch(() => '');
              if (d) setDir(d);
            }}
          >
            {t('csv.browse')}
          </Button>
          <Button leftSection={<IconDatabaseExport size={16} />} loading={backUp.isPending} disabled={!dir.trim()} onClick={() => void run()}>
            {t('backup.now')}
          </Button>
        </Group>
        {backUp.isPending && <Progress value={(progress ?? 0) * 100} animated aria-label={t('backup.working')} />}
        {error && <Alert color="red">{error}</Alert>}
        {done && (
          <Alert color="green" data-testid="backup-done">
            {t('backup.done', { path: done.path, size: size(done.size), posts: done.manifest.counts?.posts ?? 0 })}
          </Alert>
        )}
        <Divider />
        <RestorePanel />
      </Stack>
    </Card>
  );
}

function RestorePanel() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState('');
  const [manifest, setManifest] = useState<BackupManifest | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState<'check' | 'restore' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const progress = useBackupProgress(busy !== null);

  async function check(p = file) {
    if (!p.trim()) return;
    setBusy('check');
    setError(null);
    setManifest(null);
    setRestored(null);
    try {
      setManifest(await checkBackup(p.trim()));
      setTarget(await suggestRestoreTarget());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function restore() {
    setBusy('restore');
    setError(null);
    try {
      await restoreBackup(file.trim(), target.trim());
      setRestored(target.trim());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack>
      <Title order={5}>{t('backup.restoreTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('backup.restoreIntro')}
      </Text>
      <Group align="flex-end">
        <TextInput label={t('backup.file')} value={file} onChange={(e) => setFile(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button
          variant="default"
          leftSection={<IconFolderOpen size={16} />}
          onClick={async () => {
            const p = await openFile(t('backup.file'), t('backup.fileKind'), '*.zip').catch(() => '');
            if (p) {
              setFile(p);
              await check(p);
            }
          }}
        >
          {t('csv.browse')}
        </Button>
        <Button variant="light" loading={busy === 'check'} disabled={!file.trim()} onClick={() => void check()}>
          {t('backup.check')}
        </Button>
      </Group>
      {busy && <Progress value={(progress ?? 0) * 100} animated aria-label={t('backup.working')} />}
      {error && <Alert color="red">{error}</Alert>}
      {manifest && !restored && (
        <Stack data-testid="backup-manifest">
          <Alert color="green">{t('backup.verified')}</Alert>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t('backup.workspace')}</Table.Td>
                <Table.Td>{manifest.workspaceName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('backup.madeAt')}</Table.Td>
                <Table.Td>{formatDateTime(manifest.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('backup.contents')}</Table.Td>
                <Table.Td>
                  {t('backup.counts', { posts: manifest.counts?.posts ?? 0, members: manifest.counts?.members ?? 0, files: manifest.files.length })}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group align="flex-end">
            <TextInput label={t('backup.target')} description={t('backup.targetHint')} value={target} onChange={(e) => setTarget(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button leftSection={<IconRestore size={16} />} loading={busy === 'restore'} disabled={!target.trim()} onClick={() => void restore()}>
              {t('backup.restore')}
            </Button>
          </Group>
        </Stack>
      )}
      {restored && (
        <Alert color="green" data-testid="backup-restored">
          <Stack gap="xs">
            <Text>{t('backup.restored', { path: restored })}</Text>
            <Text size="sm">
              {t('backup.openLater')} <Code>postdeck --data-dir "{restored}"</Code>
            </Text>
            <Group>
              <Button size="xs" onClick={() => void openWorkspace(restored).catch((err) => setError(errorMessage(err)))}>
                {t('backup.openNow')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
