import { useMantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLanguage as saveLanguage, setTheme as saveTheme, workspaceKeys, type Language, type Theme, type WorkspaceInfo } from '../../shared/api/workspace';
import { errorMessage } from '../../i18n';

/** useLanguageAndTheme switches and remembers this device's language and theme. */
export function useLanguageAndTheme(info: WorkspaceInfo) {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const { setColorScheme } = useMantineColorScheme();
  const language = (info.language === 'id' ? 'id' : 'en') as Language;
  const theme = (info.theme || 'auto') as Theme;

  const fail = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) });

  async function setLanguage(lang: Language) {
    try {
      await saveLanguage(lang);
      await i18n.changeLanguage(lang);
      await qc.invalidateQueries({ queryKey: workspaceKeys.info });
    } catch (err) {
      fail(err);
    }
  }

  async function setTheme(next: Theme) {
    try {
      await saveTheme(next);
      setColorScheme(next);
      await qc.invalidateQueries({ queryKey: workspaceKeys.info });
    } catch (err) {
      fail(err);
    }
  }

  const toggleTheme = () => setTheme(theme === 'dark' ? 'light' : 'dark');
  return { language, theme, setLanguage, setTheme, toggleTheme };
}
