import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import id from './locales/id.json';
import { AppError } from '../shared/lib/bridge';

export const resources = { en: { translation: en }, id: { translation: id } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes; we never render HTML from strings
  returnNull: false,
});

/** errorMessage translates a backend error by its stable code. */
export function errorMessage(err: unknown): string {
  if (err instanceof AppError) {
    const key = `errors.${err.code}`;
    if (i18n.exists(key)) return i18n.t(key, { ...err.params, message: err.message });
    return i18n.t('errors.internal', { message: err.message });
  }
  return i18n.t('errors.internal', { message: err instanceof Error ? err.message : String(err) });
}

export default i18n;
