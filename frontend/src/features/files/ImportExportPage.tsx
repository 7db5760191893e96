import { Alert, Badge, Button, Card, Checkbox, Code, Group, List, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFolderOpen, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { formatDayTime } from '../../shared/lib/datetime';
import {
  exportCsv,
  openFile,
  previewCsv,
  saveFile,
  useBackupFolder,
  useImportCsv,
  useImportProgress,
  type CsvPreview,
  type CsvProblem,
  type CsvResult,
  type CsvRow,
} from '../../shared/api/files';

/** problemText is one problem of a file or row in the user's language. */
export function problemText(p: CsvProblem): string {
  const msg = errorMessage(new AppError({ code: p.code, params: p.params, message: p.message }));
  return p.column ? `${p.column}: ${msg}` : msg;
}

/** importable is how many rows an import would write, and whether it may run now. */
export function importable(p: CsvPreview, skipBad: boolean): { rows: number; allowed: boolean } {
  const rows = p.adds + p.updates + p.unchanged;
  return { rows, allowed: p.problems.length === 0 && rows > 0 && (p.bad === 0 || skipBad) };
}

/** ImportExportPage moves posts between Postdeck and a spreadsheet. */
export function ImportExportPage() {
  const { t } = useTranslation();
  const [exporting, setExporting] = useState(false);

  async function doExport() {
    setExporting(true);
    try {
      const path = await saveFile(t('csv.exportDialog'), 'postdeck-posts.csv', t('csv.fileKind'), '*.csv');
      if (!path) return;
      const n = await exportCsv(path);
      notifications.show({ color: 'green', message: t('csv.exported', { count: n, path }) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={2}>{t('csv.title')}</Title>
        <Text c="dimmed" maw={720}>
          {t('csv.intro')}
        </Text>
      </div>
      <Card withBorder>
        <Stack>
          <Title order={4}>{t('csv.exportTitle')}</Title>
          <Text size="sm">{t('csv.exportHint')}</Text>
          <Group>
            <Button leftSection={<IconDownload size={16} />} loading={exporting} onClick={() => void doExport()}>
              {t('csv.export')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <ImportCard />
    </Stack>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const folder = useBackupFolder();
  const importCsv = useImportCsv();
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [backupFirst, setBackupFirst] = useState(true);
  const [result, setResult] = useState<CsvResult | null>(null);
  const progress = useImportProgress(importCsv.isPending);

  async function check(p = path) {
    if (!p.trim()) return;
    setChecking(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await previewCsv(p.trim()));
    } catch (err) {
      setPreview(null);
      setError(errorMessage(err));
    } finally {
      setChecking(false);
    }
  }

  async function browse() {
    try {
      const p = await openFile(t('csv.importDialog'), t('csv.fileKind'), '*.csv;*.txt');
      if (p) {
        setPath(p);
        await check(p);
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function doImport() {
    if (!preview) return;
    setError(null);
    try {
      const wantsBackup = backupFirst && preview.updates > 0;
      const r = await importCsv.mutateAsync({ path: path.trim(), skipBad, backupFolder: wantsBackup ? folder.data ?? '' : '' });
      setResult(r);
      setPreview(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const can = preview ? importable(preview, skipBad) : { rows: 0, allowed: false };
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('csv.importTitle')}</Title>
        <Text size="sm">{t('csv.importHint')}</Text>
        <Text size="sm">
          {t('csv.columns')} <CsvColumns />
        </Text>
        <Group align="flex-end">
          <TextInput
            label={t('csv.file')}
            placeholder={t('csv.filePlaceholder')}
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && void check()}
            style={{ flex: 1 }}
          />
          <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void browse()}>
            {t('csv.browse')}
          </Button>
          <Button variant="light" onClick={() => void check()} loading={checking} disabled={!path.trim()}>
            {t('csv.check')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" data-testid="csv-error">
            {error}
          </Alert>
        )}
        {result && (
          <Alert color="green" data-testid="csv-result">
            <Stack gap="xs">
              <Text>{t('csv.imported', { added: result.added, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped })}</Text>
              {result.backup && <Text size="sm">{t('csv.backedUp', { path: result.backup })}</Text>}
              <Group>
                <Button size="xs" onClick={() => navigate('/calendar')}>
                  {t('csv.openCalendar')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {preview && <PreviewView preview={preview} />}
        {preview && preview.problems.length === 0 && (
          <Stack gap="xs">
            {preview.bad > 0 && (
              <Checkbox label={t('csv.skipBad', { count: preview.bad })} checked={skipBad} onChange={(e) => setSkipBad(e.currentTarget.checked)} />
            )}
            {preview.updates > 0 && (
              <Checkbox
                label={t('csv.backupFirst', { folder: folder.data ?? '' })}
                description={t('csv.backupFirstHint')}
                checked={backupFirst}
                onChange={(e) => setBackupFirst(e.currentTarget.checked)}
              />
            )}
            {importCsv.isPending && <Progress value={(progress ?? 0) * 100} animated aria-label={t('backup.working')} />}
            <Group>
              <Button leftSection={<IconUpload size={16} />} disabled={!can.allowed} loading={importCsv.isPending} onClick={() => void doImport()}>
                {t('csv.import', { count: can.rows })}
              </Button>
              {preview.bad > 0 && !skipBad && (
                <Text size="sm" c="dimmed">
                  {t('csv.fixFirst')}
                </Text>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function PreviewView({ preview }: { preview: CsvPreview }) {
  const { t } = useTranslation();
  if (preview.problems.length > 0) {
    return (
      <Alert color="red" title={t('csv.fileProblems')} data-testid="csv-file-problems">
        <List size="sm">
          {preview.problems.map((p, i) => (
            <List.Item key={i}>{problemText(p)}</List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  return (
    <Stack gap="sm" data-testid="csv-preview">
      <Group gap="xs">
        <Badge color="green" variant="light">{t('csv.adds', { count: preview.adds })}</Badge>
        <Badge color="blue" variant="light">{t('csv.updates', { count: preview.updates })}</Badge>
        <Badge color="gray" variant="light">{t('csv.unchangedCount', { count: preview.unchanged })}</Badge>
        <Badge color={preview.bad > 0 ? 'red' : 'gray'} variant="light">{t('csv.badCount', { count: preview.bad })}</Badge>
        <Text size="xs" c="dimmed">
          {t('csv.readAs', { encoding: preview.encoding, separator: preview.separator === '\t' ? 'tab' : preview.separator })}
        </Text>
      </Group>
      {preview.encoding === 'windows-1252' && <Alert color="yellow">{t('csv.notUtf8')}</Alert>}
      {preview.ignored.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('csv.ignored', { columns: preview.ignored.join(', ') })}
        </Text>
      )}
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('csv.line')}</Table.Th>
            <Table.Th>{t('csv.postTitle')}</Table.Th>
            <Table.Th>{t('csv.when')}</Table.Th>
            <Table.Th>{t('csv.channels')}</Table.Th>
            <Table.Th>{t('csv.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((r) => (
            <PreviewRow key={r.line} row={r} />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function PreviewRow({ row }: { row: CsvRow }) {
  const { t, i18n } = useTranslation();
  const bad = row.problems.length > 0;
  return (
    <Table.Tr data-testid={`csv-row-${row.line}`} bg={bad ? 'var(--mantine-color-red-light)' : undefined}>
      <Table.Td>{row.line}</Table.Td>
      <Table.Td>{row.title || <Text c="dimmed">{t('csv.noTitle')}</Text>}</Table.Td>
      <Table.Td>
        {row.date ? formatDayTime(row.date, row.time, i18n.language) : <Text c="dimmed" size="sm">{t('csv.idea')}</Text>}
      </Table.Td>
      <Table.Td>{row.channels.join(', ')}</Table.Td>
      <Table.Td>
        {bad ? (
          <List size="sm" c="red">
            {row.problems.map((p, i) => (
              <List.Item key={i}>{problemText(p)}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t(`csv.action.${row.action}`)}{row.backToReview ? ` · ${t('csv.backToReview')}` : ''}</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** CsvColumns lists the columns a file may have (docs/CSV.md). */
function CsvColumns() {
  return <Code>id, title, date, time, status, channels, text, owner, approver, campaign, labels, rating, rrule, exdates</Code>;
}
