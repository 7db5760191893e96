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

// The backend's English fallback for unexpected errors says nothing more
// than errors.internal does.
const genericMessages = new Set(['', 'something went wrong', 'unknown error']);

/**
 * errorText is a backend error in the user's language: the message for its
 * stable code, the reason a file operation failed (params.reason) said in
 * that language too, and the technical detail (the system's own text, in
 * English and with full paths) kept apart for a details line.
 */
export function errorText(err: unknown): { message: string; details: string } {
  const e = err instanceof AppError ? err : new AppError({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
  const key = `errors.${e.code}`;
  const known = i18n.exists(key);
  // A message that names its reason has a {{reason}} placeholder; the
  // others already say it in their own words (sync.folder_missing).
  const reason = typeof e.params.reason === 'string' && i18n.exists(`errors.reasons.${e.params.reason}`) ? i18n.t(`errors.reasons.${e.params.reason}`) : '';
  // A refusal that names a style-guide problem (post.check_errors) carries
  // its code and params; the problem is said in the user's language too.
  const check = typeof e.params.check === 'string' && i18n.exists(`checks.${e.params.check}`)
    ? i18n.t(`checks.${e.params.check}`, { ...((e.params.checkParams as Record<string, unknown>) ?? {}) })
    : String(e.params.check ?? '');
  const problem = check && typeof e.params.text === 'string' && e.params.text ? `${check} (“${e.params.text}”)` : check;
  const message = (known ? i18n.t(key, { ...e.params, reason, problem }) : i18n.t('errors.internal')).replace(/ {2,}/g, ' ').trim();
  let details = typeof e.params.detail === 'string' ? e.params.detail : '';
  if (!details && (!known || e.code === 'internal') && !genericMessages.has(e.message.trim().toLowerCase())) details = e.message;
  return { message, details };
}

/**
 * errorMessage translates a backend error by its stable code. When the
 * error carries technical detail, it follows on a line of its own
 * ("Details: …"); alerts and notifications keep line breaks (app/theme.ts).
 */
export function errorMessage(err: unknown): string {
  const { message, details } = errorText(err);
  return details ? `${message}\n${i18n.t('errors.details', { detail: details })}` : message;
}

export default i18n;
