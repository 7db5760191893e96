import { Alert, Button, Card, Center, Flex, Group, MultiSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useRoles } from '../../shared/api/team';
import { useNavigate } from 'react-router-dom';
import { useOnboard, type WorkspaceInfo } from '../../shared/api/workspace';
import { AppError } from '../../shared/lib/bridge';
import { groupedRoleOptions, timeZones } from '../../shared/lib/labels';
import { LanguageSwitch } from '../settings/LanguageSwitch';
import { FolderSetUp } from '../sync/SyncPage';
import { useLanguageAndTheme } from '../settings/useLanguageAndTheme';

interface Values {
  workspaceName: string;
  timeZone: string;
  name: string;
  email: string;
  roles: string[];
}

/** Onboarding is the first-run screen: name the workspace, its time zone, and who you are. */
export function Onboarding({ info }: { info: WorkspaceInfo }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const onboard = useOnboard();
  const navigate = useNavigate();
  const { language, setLanguage } = useLanguageAndTheme(info);
  const [general, setGeneral] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      workspaceName: '',
      timeZone: info.systemTimeZone || 'UTC',
      name: '',
      email: '',
      roles: ['social_media_manager'],
    },
  });

  async function submit(v: Values) {
    setGeneral(null);
    form.clearErrors();
    try {
      await onboard.mutateAsync({
        workspaceName: v.workspaceName,
        timeZone: v.timeZone,
        me: { name: v.name, email: v.email, roles: v.roles, networks: [], capacityHours: 0, color: '', freelancer: false, backupId: '' },
      });
      // A new workspace starts on the calendar, whose first steps say what to
      // set up; later starts open on My work.
      navigate('/calendar', { replace: true });
    } catch (err) {
      const message = errorMessage(err);
      // Workspace fields keep their names; the member's map onto "your …".
      const field = err instanceof AppError ? err.field : undefined;
      const mapped = field === 'workspaceName' || field === 'timeZone' ? field : field === 'name' || field === 'email' || field === 'roles' ? field : undefined;
      if (mapped) form.setFieldError(mapped, message);
      else setGeneral(message);
    }
  }

  return (
    // The card for joining a teammate's workspace stands beside the form (on
    // a narrow window above it): below the form it fell under the edge of
    // the first window, and a teammate who should join started a workspace
    // of their own instead.
    <Center mih="100vh" p="lg">
      <Flex w="100%" maw={960} gap="md" align={{ base: 'stretch', md: 'flex-start' }} direction={{ base: 'column-reverse', md: 'row' }}>
      <Card withBorder shadow="sm" p="xl" style={{ flex: '1 1 560px' }}>
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start">
              <Title order={2}>{t('onboarding.title')}</Title>
              <LanguageSwitch value={language} onChange={(l) => void setLanguage(l)} />
            </Group>
            <Text c="dimmed">{t('onboarding.intro')}</Text>
            {general && (
              <Alert color="red" role="alert">
                {general}
              </Alert>
            )}
            <Title order={4}>{t('onboarding.workspaceSection')}</Title>
            <TextInput
              label={t('onboarding.workspaceName')}
              description={t('onboarding.workspaceNameHint')}
              placeholder={t('onboarding.workspaceNamePlaceholder')}
              data-autofocus
              autoFocus
              {...form.getInputProps('workspaceName')}
            />
            <Select
              label={t('onboarding.timeZone')}
              description={t('onboarding.timeZoneHint')}
              data={timeZones(info.systemTimeZone)}
              searchable
              allowDeselect={false}
              {...form.getInputProps('timeZone')}
            />
            <Title order={4}>{t('onboarding.youSection')}</Title>
            <TextInput label={t('onboarding.yourName')} {...form.getInputProps('name')} />
            <TextInput label={t('onboarding.yourEmail')} type="email" {...form.getInputProps('email')} />
            <MultiSelect
              label={t('onboarding.yourRoles')}
              data={groupedRoleOptions(t, roles.data ?? [])}
              searchable
              {...form.getInputProps('roles')}
            />
            <Button type="submit" size="md" loading={onboard.isPending}>
              {t('onboarding.start')}
            </Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder p="lg" style={{ flex: '0 1 340px' }} data-testid="join-card">
        <Stack gap="xs">
          <Text fw={600}>{t('onboarding.joinTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('onboarding.joinBody')}
          </Text>
          {joining ? (
            <FolderSetUp joinOnly />
          ) : (
            // The label wraps: the Indonesian one is longer than the card is wide.
            <Button variant="light" h="auto" py={8} styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }} onClick={() => setJoining(true)}>
              {t('onboarding.join')}
            </Button>
          )}
        </Stack>
      </Card>
      </Flex>
    </Center>
  );
}
