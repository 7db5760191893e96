import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import id from './locales/id.json';
import i18n, { errorMessage } from './index';
import { AppError } from '../shared/lib/bridge';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
}

describe('translations', () => {
  it('Bahasa Indonesia has every English string and no extra ones', () => {
    expect(keys(id).sort()).toEqual(keys(en).sort());
  });

  it('every translation uses the same placeholders as the English one', () => {
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce((a: any, p) => a[p], o) as string]));
    const e = flat(en);
    const i = flat(id);
    for (const k of Object.keys(e)) expect(placeholders(i[k]), k).toEqual(placeholders(e[k]));
  });

  it('no Indonesian string was left in English by mistake', () => {
    // Brand names and a few loanwords are the same in both languages.
    const same = new Set(['app.name', 'team.email', 'languages.en', 'languages.id', 'roles.copywriter.name', 'conflicts.what', 'calendar.filterStatus', 'calendar.byStatus', 'calendar.filterLabel', 'calendar.column.status']);
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce((a: any, p) => a[p], o) as string]));
    const e = flat(en);
    const i = flat(id);
    const untranslated = Object.keys(e).filter((k) => !same.has(k) && e[k] === i[k]);
    expect(untranslated).toEqual([]);
  });
});

// One word for one thing in Bahasa Indonesia: the glossary. A word on the
// left must not appear; the one on the right is the term the app uses.
const glossary: { banned: RegExp; use: string; why: string }[] = [
  { banned: /\bkanal\b/i, use: 'saluran', why: 'a channel is "saluran" everywhere' },
  { banned: /\bfile\b/, use: 'berkas', why: 'a file is "berkas" (FILE in a command-line flag is a placeholder, not a word)' },
  { banned: /\bminggu\b/i, use: 'pekan', why: '"Minggu" is Sunday; a week is "pekan"' },
];

describe('Indonesian terms', () => {
  const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce((a: any, p) => a[p], o) as string]));

  it('every Indonesian string follows the glossary', () => {
    const found = Object.entries(flat(id)).flatMap(([k, v]) => glossary.filter((g) => g.banned.test(v.replace(/\{\{\w+\}\}/g, ''))).map((g) => `${k}: "${v}" (use ${g.use}: ${g.why})`));
    expect(found).toEqual([]);
  });

  it('the week view is not called by the name of Sunday', () => {
    const sunday = new Intl.DateTimeFormat('id-ID', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2027, 2, 7)));
    expect(sunday).toBe('Minggu');
    expect(id.calendar.views.week).not.toBe(sunday);
  });

  it('the search button is labelled in the window language', async () => {
    await i18n.changeLanguage('id');
    expect(i18n.t('palette.open')).toMatch(/^Cari/);
    await i18n.changeLanguage('en');
  });
});

describe('errorMessage', () => {
  it('translates a backend error by its code, in the current language, with its params', async () => {
    const err = new AppError({ code: 'member.capacity_invalid', field: 'capacityHours', params: { max: 168 }, message: 'x' });
    await i18n.changeLanguage('en');
    expect(errorMessage(err)).toBe('Hours per week must be between 0 and 168.');
    await i18n.changeLanguage('id');
    expect(errorMessage(err)).toBe('Jam per pekan harus antara 0 dan 168.');
    await i18n.changeLanguage('en');
  });

  it('says why a file failed in the user\'s language and keeps the system\'s text on a details line', async () => {
    const err = new AppError({
      code: 'csv.file_unreadable',
      params: {
        path: '/home/sari/Unduhan/posts.csv',
        name: 'posts.csv',
        reason: 'not_found',
        detail: 'open /home/sari/Unduhan/posts.csv: no such file or directory',
      },
      message: 'the file cannot be read',
    });
    await i18n.changeLanguage('id');
    const [sentence, details, ...rest] = errorMessage(err).split('\n');
    expect(sentence).toBe('Berkas posts.csv tidak bisa dibaca. Berkas atau folder itu tidak ada.');
    expect(details).toBe('Rincian: open /home/sari/Unduhan/posts.csv: no such file or directory');
    expect(rest).toEqual([]);
    await i18n.changeLanguage('en');
    expect(errorMessage(err).split('\n')[0]).toBe('The file posts.csv cannot be read. The file or folder is not there.');
    // Without a known reason the sentence simply ends.
    expect(errorMessage(new AppError({ code: 'csv.file_unreadable', params: { name: 'posts.csv' }, message: 'x' }))).toBe('The file posts.csv cannot be read.');
    // A message that already says why gets no second sentence about it.
    const gone = new AppError({ code: 'sync.folder_missing', params: { reason: 'not_found', detail: 'stat /mnt/drive: no such file or directory' }, message: 'x' });
    expect(errorMessage(gone)).toBe(`${i18n.t('errors.sync.folder_missing')}\nDetails: stat /mnt/drive: no such file or directory`);
  });

  it('keeps raw system text out of every sentence: {{detail}} and {{message}} only on the details line', () => {
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce((a: any, p) => a[p], o) as string]));
    for (const lang of [en, id]) {
      const f = flat(lang);
      // export.folder_missing names a folder the user typed on the command line.
      const raw = Object.keys(f).filter((k) => k.startsWith('errors.') && k !== 'errors.details' && k !== 'errors.export.folder_missing' && /\{\{(detail|message)\}\}/.test(f[k]));
      expect(raw).toEqual([]);
    }
  });

  it('falls back to the generic message for a code it does not know', () => {
    const msg = errorMessage(new AppError({ code: 'brand.new_code', message: 'disk on fire' }));
    expect(msg).toContain('Something went wrong');
    expect(msg).toContain('disk on fire');
  });
});
