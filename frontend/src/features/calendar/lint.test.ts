import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { applyFix, clampSpan, countEmoji, countHashtags, findingsFor, toDiagnostics, type Finding, type VariantFindings } from './lint';

const t = (key: string, params?: Record<string, unknown>) => `${key}${params && Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`;

/** finding builds a finding over the UTF-16 span of phrase in text, as the backend sends it. */
function finding(text: string, phrase: string, severity = 'error', replacement?: string): Finding {
  const from16 = text.indexOf(phrase);
  const enc = new TextEncoder();
  return {
    rule: 'banned',
    severity,
    code: 'banned_phrase',
    params: { phrase },
    start: enc.encode(text.slice(0, from16)).length,
    end: enc.encode(text.slice(0, from16 + phrase.length)).length,
    from16,
    to16: from16 + phrase.length,
    fix: replacement ? { replacement } : null,
  };
}

describe('findings in the editor', () => {
  it('underlines the phrase itself after emoji (UTF-16 offsets, not characters or bytes)', () => {
    const text = '👨‍👩‍👧 Keluarga 👍🏽 suka kopi murah';
    const f = finding(text, 'kopi murah', 'error', 'kopi hemat');
    const [d] = toDiagnostics(text, [f], t);
    expect(text.slice(d.from, d.to)).toBe('kopi murah');
    expect(d.severity).toBe('error');
    expect(d.message).toBe('checks.banned_phrase {"phrase":"kopi murah"}');
    expect(d.actions?.[0].name).toBe('checks.fix {"replacement":"kopi hemat"}');
  });

  it('the fix replaces exactly the span, in text and through the editor action', () => {
    const text = 'Sobat ☕, ada kopi murah hari ini!';
    const f = finding(text, 'kopi murah', 'error', 'kopi hemat');
    expect(applyFix(text, f)).toBe('Sobat ☕, ada kopi hemat hari ini!');

    const view = new EditorView({ state: EditorState.create({ doc: text }) });
    const [d] = toDiagnostics(text, [f], t);
    d.actions![0].apply(view, d.from, d.to);
    expect(view.state.doc.toString()).toBe('Sobat ☕, ada kopi hemat hari ini!');
    view.destroy();
  });

  it('a finding without a fix offers none and leaves the text alone', () => {
    const text = 'Rasanya mantap';
    const f = finding(text, 'mantap', 'warning');
    expect(applyFix(text, f)).toBe(text);
    const [d] = toDiagnostics(text, [f], t);
    expect(d.severity).toBe('warning');
    expect(d.actions).toEqual([]);
  });

  it('never splits an emoji, and drops spans that no longer fit the text', () => {
    const text = 'a👍b';
    // 1..2 would cut the thumbs-up in half: the span grows to the whole emoji.
    expect(clampSpan(text, 1, 2)).toEqual({ from: 1, to: 3 });
    expect(clampSpan(text, 2, 4)).toEqual({ from: 1, to: 4 });
    const stale: Finding = { ...finding('kopi murah sekali', 'sekali'), from16: 11, to16: 17 };
    expect(toDiagnostics('kopi', [stale], t)).toEqual([]);
  });

  it('the common text shows the findings of every channel using it once; an own text only its channel', () => {
    const body = 'kopi murah #promo';
    const common = finding(body, 'kopi murah', 'error', 'kopi hemat');
    const results: VariantFindings[] = [
      { channelId: 'ig', network: 'instagram', label: 'Instagram @k', own: false, findings: [common] },
      { channelId: 'fb', network: 'facebook', label: 'Facebook @k', own: false, findings: [common, finding(body, '#promo', 'warning')] },
      { channelId: 'x', network: 'x', label: 'X @k', own: true, findings: [finding('mantap', 'mantap', 'warning')] },
    ];
    const forBody = findingsFor(results, null);
    expect(forBody.map((f) => body.slice(f.from16, f.to16))).toEqual(['kopi murah', '#promo']);
    expect(findingsFor(results, 'x').map((f) => f.severity)).toEqual(['warning']);
    expect(findingsFor(results, 'ig')).toEqual([]);
  });
});

describe('channel summary counts', () => {
  it('counts an emoji with a skin tone or a ZWJ family as one', () => {
    expect(countEmoji('Halo 👍🏽 👨‍👩‍👧‍👦 ☕ 🇮🇩')).toBe(4);
    expect(countEmoji('tanpa emoji')).toBe(0);
    // As the checker counts: © and ™ typed as text are not emoji.
    expect(countEmoji('Kopi Nusantara© ™ ☕')).toBe(1);
  });

  it('counts hashtags, not numbers or a # inside a word', () => {
    expect(countHashtags('#kopi #KopiNusantara nomor #1 a#b #iklan')).toBe(3);
  });
});
