import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { csvio } from '../../../wailsjs/go/models';
import { importable, problemText } from './ImportExportPage';
import { size } from './BackupCard';

const preview = (p: Partial<csvio.Preview>) =>
  csvio.Preview.createFrom({ encoding: 'utf-8', separator: ',', ignored: [], problems: [], rows: [], adds: 0, updates: 0, unchanged: 0, bad: 0, ...p });

describe('CSV import', () => {
  it('stays disabled while a row has a problem, unless bad rows are skipped', () => {
    const p = preview({ adds: 2, updates: 1, bad: 1 });
    expect(importable(p, false)).toEqual({ rows: 3, allowed: false });
    expect(importable(p, true)).toEqual({ rows: 3, allowed: true });
  });

  it('never imports a file with problems of its own, or nothing', () => {
    expect(importable(preview({ adds: 2, problems: [csvio.Problem.createFrom({ code: 'csv.no_rows' })] }), true).allowed).toBe(false);
    expect(importable(preview({ bad: 2 }), true).allowed).toBe(false);
  });

  it('shows a row problem with its column, in the user language', async () => {
    const p = csvio.Problem.createFrom({ code: 'csv.time_invalid', column: 'time', params: { time: '25:00' }, message: 'x' });
    await i18n.changeLanguage('id');
    expect(problemText(p)).toBe('time: "25:00" bukan jam. Jam ditulis seperti 09:30.');
    await i18n.changeLanguage('en');
    expect(problemText(p)).toBe('time: "25:00" is not a time. Times look like 09:30.');
  });
});

describe('backup sizes', () => {
  it('reads as people read sizes', () => {
    expect(size(300)).toBe('1 KB');
    expect(size(52_000)).toBe('51 KB');
    expect(size(5 << 20)).toBe('5.0 MB');
  });
});
