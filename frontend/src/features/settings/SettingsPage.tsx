import { Button, Card, Code, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useVersion } from '../../shared/api/about';
import { useMembers } from '../../shared/api/team';
import { useSetKeeper, useSetMe, useUpdateWorkspace, type Theme, type WorkspaceInfo } from '../../shared/api/workspace';
import { timeZones } from '../../shared/lib/labels';
import { BackupCard } from '../files/BackupCard';
import { LanguageSwitch } from './LanguageSwitch';
import { NetworkLimitsCard } from './NetworkLimitsCard';
import { useLanguageAndTheme } from './useLanguageAndTheme';

export function SettingsPage({ info }: { info: WorkspaceInfo }) {
  const { t } = useTranslation();
  const { language, theme, setLanguage, setTheme } = useLanguageAndTheme(info);
  const navigate = useNavigate();
  const members = useMembers();
  const version = useVersion();
  const setMe = useSetMe();
  const setKeeper = useSetKeeper();
  const update = useUpdateWorkspace();
  const [name, setName] = useState(info.name);
  const [zone, setZone] = useState(info.timeZone);
  const [error, setError] = useState<string | null>(null);

  async function saveWorkspace() {
    setError(null);
    try {
      await update.mutateAsync({ name, timeZone: zone });
      notifications.show({ color: 'green', message: t('common.saved') });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  // The same facts as `postdeck version` and `postdeck doctor`, for bug reports.
  const aboutRows: [string, string | undefined][] = [
    [t('settings.version'), version.data?.version],
    [t('settings.commit'), version.data?.commit],
    [t('settings.buildDate'), version.data?.buildDate],
    [t('settings.goVersion'), version.data?.goVersion],
    [t('settings.sqliteVersion'), version.data?.sqliteVersion],
    [t('settings.dataDir'), info.dataDir],
    [t('settings.workspaceId'), info.id],
    [t('settings.deviceId'), info.deviceId],
  ];

  return (
    <Stack gap="lg" maw={720}>
      <Title order={2}>{t('settings.title')}</Title>

      <Card withBorder>
        <Stack>
          <Title order={4}>{t('settings.appearance')}</Title>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('settings.language')}
            </Text>
            <LanguageSwitch value={language} onChange={(l) => void setLanguage(l)} />
          </div>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('settings.theme')}
            </Text>
            <SegmentedControl
              aria-label={t('settings.theme')}
              value={theme}
              onChange={(v) => void setTheme(v as Theme)}
              data={[
                { value: 'auto', label: t('settings.themeAuto') },
                { value: 'light', label: t('settings.themeLight') },
                { value: 'dark', label: t('settings.themeDark') },
              ]}
            />
          </div>
        </Stack>
      </Card>

      <Card withBorder>
        <Stack>
          <Title order={4}>{t('settings.workspace')}</Title>
          <TextInput label={t('settings.workspaceName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} />
          <Select label={t('settings.timeZone')} data={timeZones(info.timeZone, info.systemTimeZone)} value={zone} onChange={(v) => v && setZone(v)} searchable allowDeselect={false} />
          <Group justify="flex-end">
            <Button onClick={() => void saveWorkspace()} loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
          <Select
            label={t('settings.keeper')}
            description={t('settings.keeperHint')}
            placeholder={t('settings.keeperNobody')}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={info.keeperId || null}
            onChange={async (v) => {
              try {
                await setKeeper.mutateAsync(v ?? '');
                notifications.show({ color: 'green', message: t('common.saved') });
              } catch (err) {
                notifications.show({ color: 'red', message: errorMessage(err) });
              }
            }}
            clearable
            searchable
          />
        </Stack>
      </Card>

      <Card withBorder>
        <Stack>
          <Title order={4}>{t('settings.device')}</Title>
          <Select
            label={t('settings.me')}
            description={t('settings.meHint')}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={info.me || null}
            onChange={async (v) => {
              if (!v) return;
              try {
                await setMe.mutateAsync(v);
                notifications.show({ color: 'green', message: t('common.saved') });
              } catch (err) {
                notifications.show({ color: 'red', message: errorMessage(err) });
              }
            }}
            allowDeselect={false}
            searchable
          />
        </Stack>
      </Card>

      <NetworkLimitsCard />

      <BackupCard />

      <Card withBorder>
        <Group justify="space-between">
          <div>
            <Title order={4}>{t('csv.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('csv.settingsHint')}
            </Text>
          </div>
          <Button variant="default" onClick={() => navigate('/import-export')}>
            {t('csv.open')}
          </Button>
        </Group>
      </Card>

      <Card withBorder>
        <Stack gap="xs">
          <Title order={4}>{t('settings.about')}</Title>
          <Table aria-label={t('settings.about')}>
            <Table.Tbody>
              {aboutRows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td><Code>{value}</Code></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
    </Stack>
  );
}
