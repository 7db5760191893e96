import { Alert, Button, Card, ColorSwatch, FileButton, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { DeleteButton } from './DeleteButton';
import { useDeleteLayer, useImportLayer, useLayers, useSetLayerVisible, type ImportResult } from '../../shared/api/feeds';

/** LayersPanel imports .ics calendars (holidays, marketing days) as read-only layers and lists them. */
export function LayersPanel() {
  const { t } = useTranslation();
  const importLayer = useImportLayer();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function load(file: File | null) {
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const content = await file.text();
      const r = await importLayer.mutateAsync({ name: name.trim(), fileName: file.name, content });
      setResult(r);
      setName('');
      notifications.show({ color: 'green', message: t('layers.imported', { name: r.layer.name, count: r.layer.events }) });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('layers.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('layers.help')}
        </Text>
        <Group align="flex-end">
          <TextInput
            label={t('layers.name')}
            description={t('layers.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <FileButton onChange={(f) => void load(f)} accept=".ics,text/calendar">
            {(props) => (
              <Button {...props} leftSection={<IconFileImport size={16} />} loading={importLayer.isPending}>
                {t('layers.import')}
              </Button>
            )}
          </FileButton>
        </Group>
        {error && (
          <Alert color="red" role="alert" data-testid="layer-error">
            {error}
          </Alert>
        )}
        {result && (
          <Text size="sm" data-testid="layer-result">
            {t('layers.result', { name: result.layer.name, added: result.added, updated: result.updated, removed: result.removed })}
            {result.dropped > 0 && ` ${t('layers.dropped', { count: result.dropped })}`}
          </Text>
        )}
        <LayerToggles withDelete />
      </Stack>
    </Card>
  );
}

/** LayerToggles lists the layers with a switch that shows or hides each on this computer's calendar. */
export function LayerToggles({ withDelete = false }: { withDelete?: boolean }) {
  const { t } = useTranslation();
  const layers = useLayers();
  const setVisible = useSetLayerVisible();
  const del = useDeleteLayer();
  const list = layers.data ?? [];
  if (layers.isSuccess && list.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="layers-empty">
        {t('layers.empty')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="layers">
      {list.map((l) => (
        <Group key={l.id} justify="space-between" wrap="nowrap" gap="xs">
          <Switch
            checked={l.visible}
            onChange={(e) => setVisible.mutate({ id: l.id, visible: e.currentTarget.checked })}
            label={
              <Group gap={6} wrap="nowrap">
                <ColorSwatch color={l.color} size={12} />
                <Text size="sm">{l.name}</Text>
                <Text size="xs" c="dimmed">
                  {t('layers.events', { count: l.events })}
                </Text>
              </Group>
            }
            aria-label={t('layers.show', { name: l.name })}
          />
          {withDelete && (
            <DeleteButton label={t('layers.delete', { name: l.name })} onDelete={() => del.mutateAsync(l.id)} />
          )}
        </Group>
      ))}
    </Stack>
  );
}
