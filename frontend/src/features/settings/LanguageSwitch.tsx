import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/api/workspace';

/** LanguageSwitch picks between English and Bahasa Indonesia. */
export function LanguageSwitch({ value, onChange }: { value: Language; onChange: (l: Language) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('settings.language')}
      value={value}
      onChange={(v) => onChange(v as Language)}
      data={[
        { value: 'en', label: t('languages.en') },
        { value: 'id', label: t('languages.id') },
      ]}
    />
  );
}
