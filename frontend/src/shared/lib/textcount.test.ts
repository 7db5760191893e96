import { describe, expect, it } from 'vitest';
import cases from './textcount.cases.json';
import { countText, isEmoji, measure, urls } from './textcount';

// The same cases run in Go (backend/networks/count_test.go), so the window's
// count and the checker's agree.
describe('measure, shared with the Go checker', () => {
  for (const c of cases) {
    it(c.name, () => {
      const text = c.text.repeat(c.repeat ?? 1) + (c.suffix ?? '');
      const m = measure(text, c.counting, c.limit ?? 0);
      expect(m.count).toBe(c.count);
      if (c.overAt16 !== undefined) expect(m.overAt).toBe(c.overAt16);
    });
  }
});

describe('text counting', () => {
  it('finds links as X does', () => {
    const t = 'Lihat https://kopinusantara.id/menu. Atau www.kopi.id, kopi.co/x dan a@kopi.id';
    expect(urls(t).map(([s, e]) => t.slice(s, e))).toEqual(['https://kopinusantara.id/menu', 'www.kopi.id', 'kopi.co/x']);
  });
  it('counts an emoji with a skin tone or a ZWJ family as one', () => {
    expect(isEmoji('👍🏽')).toBe(true);
    expect(isEmoji('👨‍👩‍👧‍👦')).toBe(true);
    expect(isEmoji('©')).toBe(false);
    expect(isEmoji('©️')).toBe(true);
    expect(countText('👨‍👩‍👧‍👦👍🏽', 'graphemes')).toBe(2);
  });
  it('counts code points for an unknown mode', () => {
    expect(countText('kopi', '')).toBe(4);
  });
});
