// How the networks count a post's text: the same rules as the Go checker
// (backend/networks/count.go), so the editor's live count and the checker
// agree. Shared cases in textcount.cases.json are run by both test suites.
//
// We port twitter-text's weighting instead of using the `twitter-text` npm
// package: that package (last released 2019) pulls in core-js 2 and a full
// TLD list, and its link rules would differ from the Go side's.

/** Counting modes, as in networks.Limit.counting. */
export type Counting = 'chars' | 'weighted' | 'graphemes' | '';

// twitter-text v3: code points in these ranges weigh 100, others 200; a
// link weighs 23 units and an emoji sequence 200 as a whole (scale 100).
const weightedRanges: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const SCALE = 100;
const DEFAULT_WEIGHT = 200;
const URL_WEIGHT = 23 * SCALE;
const EMOJI_WEIGHT = 200;

// The Go expression, written for JavaScript: \s in Go is [\t\n\f\r ].
const urlPattern =
  /(?:https?:\/\/|www\.)[^\t\n\f\r <>"]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|id|io|co|me|app|dev|info|biz|ly|gl|to|tv|xyz|ai|uk|us|sg|my|au)\b(?:\/[^\t\n\f\r <>"]*)?/gi;

/** urls returns the [start, end) UTF-16 spans of the links in text, as networks.URLs does. */
export function urls(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(urlPattern)) {
    const s = m.index ?? 0;
    let e = s + m[0].length;
    if (s > 0 && '@.-/'.includes(text[s - 1])) continue;
    while (e > s && '.,!?;:)\'"]}'.includes(text[e - 1])) e--;
    if (e > s) out.push([s, e]);
  }
  return out;
}

function isPictographic(r: number): boolean {
  if (r === 0xa9 || r === 0xae || r === 0x203c || r === 0x2049 || r === 0x2122 || r === 0x2139) return true;
  if (
    (r >= 0x2194 && r <= 0x21aa) ||
    (r >= 0x231a && r <= 0x23ff) ||
    r === 0x24c2 ||
    (r >= 0x25aa && r <= 0x25fe) ||
    (r >= 0x2600 && r <= 0x27bf) ||
    (r >= 0x2934 && r <= 0x2935) ||
    (r >= 0x2b05 && r <= 0x2b55) ||
    r === 0x3030 ||
    r === 0x303d ||
    r === 0x3297 ||
    r === 0x3299
  )
    return true;
  if (
    (r >= 0x1f000 && r <= 0x1f0ff) ||
    (r >= 0x1f10d && r <= 0x1f1ad) ||
    (r >= 0x1f201 && r <= 0x1f64f) ||
    (r >= 0x1f680 && r <= 0x1f6ff) ||
    (r >= 0x1f774 && r <= 0x1f7ff) ||
    (r >= 0x1f80c && r <= 0x1f8ff) ||
    (r >= 0x1f90c && r <= 0x1faff) ||
    (r >= 0x1fc00 && r <= 0x1fffd)
  )
    return r < 0x1f3fb || r > 0x1f3ff;
  return false;
}

const emojiPresentation = new Set([
  0x231a, 0x231b, 0x23e9, 0x23ea, 0x23eb, 0x23ec, 0x23f0, 0x23f3, 0x25fd, 0x25fe, 0x2614, 0x2615, 0x267f, 0x2693, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26d4, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26fa, 0x26fd, 0x2705,
  0x270a, 0x270b, 0x2728, 0x274c, 0x274e, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27b0, 0x27bf, 0x2b1b,
  0x2b1c, 0x2b50, 0x2b55,
]);

/** isEmoji says whether a grapheme cluster is an emoji (with its skin tone or joined family), as networks.IsEmoji. */
export function isEmoji(cluster: string): boolean {
  const r = cluster.codePointAt(0);
  if (r === undefined) return false;
  const rest = cluster.slice(r > 0xffff ? 2 : 1);
  if (r >= 0x1f1e6 && r <= 0x1f1ff) return true;
  if (rest.includes('\u20e3')) return true;
  if (isPictographic(r)) return r >= 0x1f000 || emojiPresentation.has(r) || (r >= 0x2648 && r <= 0x2653) || rest.includes('\ufe0f');
  return false;
}

type Segmenter = { segment(s: string): Iterable<{ segment: string; index: number }> };
let segmenter: Segmenter | null | undefined;

/** graphemes splits text into user-perceived characters (code points where the browser cannot). */
export function graphemes(text: string): { segment: string; index: number }[] {
  if (segmenter === undefined) {
    const Seg = (Intl as unknown as { Segmenter?: new (l?: string, o?: object) => Segmenter }).Segmenter;
    segmenter = Seg ? new Seg(undefined, { granularity: 'grapheme' }) : null;
  }
  if (segmenter) return [...segmenter.segment(text)];
  const out: { segment: string; index: number }[] = [];
  let i = 0;
  for (const ch of text) {
    out.push({ segment: ch, index: i });
    i += ch.length;
  }
  return out;
}

function runeWeight(r: number): number {
  for (const [lo, hi] of weightedRanges) if (r >= lo && r <= hi) return SCALE;
  return DEFAULT_WEIGHT;
}

/** Measure is a text's length and, when over the limit, where (UTF-16 offset) the first unit past it starts. */
export interface Measure {
  count: number;
  overAt: number;
}

/** measure counts text as a network counting that way does (networks.Measure in Go). */
export function measure(text: string, counting: Counting | string, limit = 0): Measure {
  let count = 0;
  let overAt = -1;
  if (counting === 'weighted') {
    let weight = 0;
    const add = (at: number, w: number) => {
      weight += w;
      if (limit > 0 && overAt < 0 && weight > limit * SCALE) overAt = at;
    };
    let pos = 0;
    for (const [s, e] of [...urls(text), [text.length, text.length] as [number, number]]) {
      for (const g of graphemes(text.slice(pos, s))) {
        const at = pos + g.index;
        if (isEmoji(g.segment)) add(at, EMOJI_WEIGHT);
        else for (const ch of g.segment.normalize('NFC')) add(at, runeWeight(ch.codePointAt(0) ?? 0));
      }
      if (s < e) add(s, URL_WEIGHT);
      pos = e;
    }
    return { count: Math.ceil(weight / SCALE), overAt };
  }
  if (counting === 'graphemes') {
    for (const g of graphemes(text)) {
      count++;
      if (limit > 0 && count === limit + 1) overAt = g.index;
    }
    return { count, overAt };
  }
  let i = 0;
  for (const ch of text) {
    count++;
    if (limit > 0 && count === limit + 1) overAt = i;
    i += ch.length;
  }
  return { count, overAt };
}

/** countText is the length of text as a network counting that way counts it. */
export function countText(text: string, counting: Counting | string): number {
  return measure(text, counting).count;
}
