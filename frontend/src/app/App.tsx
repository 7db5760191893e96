import { Alert, Button, Center, Loader, Stack, useMantineColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router-dom';
import { useWorkspaceInfo } from '../shared/api/workspace';
import { useLiveData } from '../shared/lib/events';
import { errorMessage } from '../i18n';
import { Onboarding } from '../features/onboarding/Onboarding';
import { Providers } from './Providers';
import { Shell } from './Shell';

export function App() {
  return (
    <Providers>
      <HashRouter>
        <Root />
      </HashRouter>
    </Providers>
  );
}

function Root() {
  useLiveData();
  const { t, i18n } = useTranslation();
  const info = useWorkspaceInfo();
  const { setColorScheme } = useMantineColorScheme();
  // A workspace made on this screen just now starts on the calendar, whose
  // first steps say what to set up; later starts open on My work.
  const onboardedHere = useRef(false);

  // Language and theme are remembered by the backend per device, so they
  // survive restarts and belong to this computer, not to the browser.
  const language = info.data?.language;
  const themeName = info.data?.theme;
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    if (language) document.documentElement.lang = language;
  }, [language, i18n]);
  useEffect(() => {
    if (themeName === 'light' || themeName === 'dark' || themeName === 'auto') setColorScheme(themeName);
  }, [themeName, setColorScheme]);

  if (info.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (info.isError) {
    return (
      <Center h="100vh" p="xl">
        <Stack>
          <Alert color="red">{t('common.loadFailed', { message: errorMessage(info.error) })}</Alert>
          <Button onClick={() => void info.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!info.data.onboarded) {
    onboardedHere.current = true;
    return <Onboarding info={info.data} />;
  }
  return <Shell info={info.data} startOnCalendar={onboardedHere.current} />;
}
