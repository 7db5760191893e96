// The style guide's findings in the editor: which findings belong to which
// text box, how they become CodeMirror diagnostics (UTF-16 spans, which is
// what CodeMirror positions are), and what a fix does to the text.
import type { Diagnostic } from '@codemirror/lint';
import { graphemes, isEmoji } from '../../shared/lib/textcount';

/** Finding is one problem the style guide's checker found (calendar.Finding in Go). */
export interface Finding {
  rule: string;
  severity: string;
  code: string;
  params?: Record<string, unknown> | null;
  start: number;
  end: number;
  from16: number;
  to16: number;
  fix?: { replacement: string } | null;
}

/** VariantFindings are the findings in one channel's text (calendar.VariantFindings in Go). */
export interface VariantFindings {
  channelId: string;
  network: string;
  label: string;
  own: boolean;
  findings: Finding[];
}

export type Severity = 'error' | 'warning' | 'info';

const order: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** severityOf maps a finding's severity onto CodeMirror's (an unknown one counts as info). */
export function severityOf(f: Pick<Finding, 'severity'>): Severity {
  return f.severity === 'error' || f.severity === 'warning' ? f.severity : 'info';
}

/**
 * findingsFor picks the findings of one text box: a channel's own text gets
 * its channel's; the common text gets those of every channel that uses it
 * (or of the check without a channel), each problem once, however many
 * channels found it. Sorted by place, the worst first on the same place.
 */
export function findingsFor(results: VariantFindings[], channelId: string | null): Finding[] {
  const picked = results.filter((r) => (channelId === null ? !r.own : r.own && r.channelId === channelId));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const r of picked) {
    for (const f of r.findings) {
      const key = `${f.from16}:${f.to16}:${f.code}:${JSON.stringify(f.params ?? {})}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out.sort((a, b) => a.from16 - b.from16 || a.to16 - b.to16 || order[severityOf(a)] - order[severityOf(b)]);
}

/**
 * clampSpan keeps a finding's UTF-16 span inside a text of length len and
 * never splits a surrogate pair (an emoji), so an underline always covers
 * whole characters.
 */
export function clampSpan(text: string, from: number, to: number): { from: number; to: number } {
  const len = text.length;
  let a = Math.max(0, Math.min(len, from | 0));
  let b = Math.max(a, Math.min(len, to | 0));
  if (a > 0 && a < len && isLow(text.charCodeAt(a)) && isHigh(text.charCodeAt(a - 1))) a--;
  if (b > 0 && b < len && isLow(text.charCodeAt(b)) && isHigh(text.charCodeAt(b - 1))) b++;
  return { from: a, to: b };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** applyFix is text with the finding's span replaced by its fix (text unchanged without one). */
export function applyFix(text: string, f: Finding): string {
  if (!f.fix) return text;
  const { from, to } = clampSpan(text, f.from16, f.to16);
  return text.slice(0, from) + f.fix.replacement + text.slice(to);
}

/** Translate is i18next's t, as far as the mapping needs it. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** messageOf is a finding in the user's language (checks.<code> with its params). */
export function messageOf(f: Pick<Finding, 'code' | 'params'>, t: Translate): string {
  const msg = t(`checks.${f.code}`, { ...(f.params ?? {}) });
  const reason = f.params?.reason;
  return typeof reason === 'string' && reason ? `${msg} ${t('checks.reason', { reason })}` : msg;
}

/** fixLabel names what a fix does: replace the span, or remove it when the replacement is empty. */
export function fixLabel(fix: { replacement: string }, t: Translate): string {
  return fix.replacement ? t('checks.fix', { replacement: fix.replacement }) : t('checks.fixRemove');
}

/**
 * toDiagnostics turns the findings of a text into CodeMirror diagnostics:
 * underlined where they are, coloured by severity, with the fix as an
 * action that replaces the span. A span that does not fit the text (the
 * text changed since it was checked) is left out rather than misplaced.
 */
export function toDiagnostics(text: string, findings: Finding[], t: Translate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    if (f.from16 < 0 || f.to16 > text.length || f.from16 > f.to16) continue;
    const { from, to } = clampSpan(text, f.from16, f.to16);
    const fix = f.fix;
    out.push({
      from,
      to,
      severity: severityOf(f),
      source: 'style guide',
      message: messageOf(f, t),
      actions: fix
        ? [
            {
              name: fixLabel(fix, t),
              apply: (view, from, to) => view.dispatch({ changes: { from, to, insert: fix.replacement } }),
            },
          ]
        : [],
    });
  }
  return out;
}

const hashtag = /(^|[^\p{L}\p{N}_&/])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)/gu;

/**
 * countEmoji counts emoji as people see them (a family or a thumbs-up with a
 * skin tone is one), by the same rule as the checker, so © or ™ typed as text
 * is not an emoji here either.
 */
export function countEmoji(text: string): number {
  return graphemes(text).filter((g) => isEmoji(g.segment)).length;
}

/** countHashtags counts hashtags (#kopi, #iklan): a # after a space or the start, with at least one letter (not #1 or a lone #). */
export function countHashtags(text: string): number {
  return [...text.matchAll(hashtag)].length;
}
