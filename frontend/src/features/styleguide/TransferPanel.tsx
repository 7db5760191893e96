import { Alert, Button, Card, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { chooseFolder, openFile } from '../../shared/api/files';
import { EXPORT_FORMATS, exportGuide, previewImport, useImportGuide, type ExportFormat, type GuideImportResult } from '../../shared/api/styleguide';
import { GuardedButton } from '../../shared/ui/GuardedButton';

/**
 * TransferPanel exports the guide (Markdown, one web page, JSON) into a
 * folder, and imports a JSON export after a preview of what it changes.
 */
export function TransferPanel({ language, editReason }: { language: string; editReason: string | null }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [lang, setLang] = useState(language === 'id' ? 'id' : 'en');
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<GuideImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [imported, setImported] = useState<GuideImportResult | null>(null);
  const importGuide = useImportGuide();

  async function runExport(format: ExportFormat) {
    setExported(null);
    setExportError(null);
    try {
      setExported(await exportGuide(format, lang, folder.trim()));
    } catch (err) {
      setExportError(errorMessage(err));
    }
  }

  async function check() {
    setPreview(null);
    setImported(null);
    setImportError(null);
    try {
      setPreview(await previewImport(file.trim()));
    } catch (err) {
      setImportError(errorMessage(err));
    }
  }

  async function runImport() {
    setImportError(null);
    try {
      setImported(await importGuide.mutateAsync(file.trim()));
      setPreview(null);
    } catch (err) {
      setImportError(errorMessage(err));
    }
  }

  const changes = preview ? preview.added + preview.changed + preview.removed : 0;

  return (
    <Group align="stretch" grow wrap="wrap">
      <Card withBorder miw={320}>
        <Stack gap="sm">
          <Title order={3}>{t('styleguide.export.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('styleguide.export.help')}
          </Text>
          <Group align="flex-end" wrap="nowrap">
            <TextInput label={t('styleguide.export.folder')} value={folder} onChange={(e) => setFolder(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button
              variant="default"
              onClick={async () => {
                const dir = await chooseFolder(t('styleguide.export.chooseTitle'));
                if (dir) setFolder(dir);
              }}
            >
              {t('styleguide.export.choose')}
            </Button>
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('styleguide.export.language')}
            </Text>
            <SegmentedControl
              value={lang}
              onChange={setLang}
              data={[
                { value: 'en', label: t('languages.en') },
                { value: 'id', label: t('languages.id') },
              ]}
            />
          </div>
          <Group gap="xs">
            {EXPORT_FORMATS.map((f) => (
              <Button key={f} variant="light" onClick={() => void runExport(f)}>
                {t(`styleguide.export.${f}`)}
              </Button>
            ))}
          </Group>
          {exported && (
            <Alert color="green" data-testid="guide-exported">
              {t('styleguide.export.done', { path: exported })}
            </Alert>
          )}
          {exportError && (
            <Alert color="red" role="alert">
              {exportError}
            </Alert>
          )}
        </Stack>
      </Card>
      <Card withBorder miw={320}>
        <Stack gap="sm">
          <Title order={3}>{t('styleguide.import.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('styleguide.import.help')}
          </Text>
          <Group align="flex-end" wrap="nowrap">
            <TextInput label={t('styleguide.import.file')} value={file} onChange={(e) => setFile(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button
              variant="default"
              onClick={async () => {
                const path = await openFile(t('styleguide.import.browseTitle'), 'JSON', '*.json');
                if (path) setFile(path);
              }}
            >
              {t('styleguide.import.browse')}
            </Button>
          </Group>
          <Group gap="xs">
            <GuardedButton reason={editReason} variant="light" disabled={!file.trim()} onClick={() => void check()}>
              {t('styleguide.import.check')}
            </GuardedButton>
          </Group>
          {importError && (
            <Alert color="red" role="alert" style={{ whiteSpace: 'pre-line' }}>
              {importError}
            </Alert>
          )}
          {preview && changes === 0 && <Text size="sm">{t('styleguide.import.nothing')}</Text>}
          {preview && changes > 0 && (
            <>
              <Table data-testid="guide-import-preview" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('styleguide.import.section')}</Table.Th>
                    <Table.Th>{t('styleguide.import.added')}</Table.Th>
                    <Table.Th>{t('styleguide.import.changed')}</Table.Th>
                    <Table.Th>{t('styleguide.import.removed')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.sections
                    .filter((s) => s.added + s.changed + s.removed > 0)
                    .map((s) => (
                      <Table.Tr key={s.section}>
                        <Table.Td>{t(`styleguide.sections.${s.section}.title`)}</Table.Td>
                        <Table.Td>{s.added}</Table.Td>
                        <Table.Td>{s.changed}</Table.Td>
                        <Table.Td>{s.removed}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
              <GuardedButton reason={editReason} onClick={() => void runImport()} loading={importGuide.isPending}>
                {t('styleguide.import.run')}
              </GuardedButton>
            </>
          )}
          {imported && (
            <Alert color="green" data-testid="guide-imported">
              {t('styleguide.import.done', { added: imported.added, changed: imported.changed, removed: imported.removed })}
            </Alert>
          )}
        </Stack>
      </Card>
    </Group>
  );
}
