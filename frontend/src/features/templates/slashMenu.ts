// The slash menu: typing "/" in a post's text offers the team's snippets and
// hashtag groups (CodeMirror autocompletion); choosing one replaces the "/"
// and what was typed after it with the piece, in the box's network's own
// text when the piece has one.
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

/** Piece is a snippet or hashtag group the menu offers. */
export interface Piece {
  id: string;
  kind: 'snippet' | 'hashtags';
  name: string;
  body: string;
  variants: Record<string, string>;
}

/** pieceText is what a piece inserts on a network: its own text there, else its text. */
export function pieceText(p: Piece, network: string): string {
  return (network && p.variants[network]?.trim() && p.variants[network]) || p.body;
}

/**
 * slashSource completes "/words" typed at the start of a line or after a
 * space (never inside a link such as https://), offering every piece whose
 * name matches; CodeMirror ranks them by the typed letters.
 */
export function slashSource(pieces: () => Piece[], network: () => string, kindLabel: (k: Piece['kind']) => string) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const typed = ctx.matchBefore(/\/[^\s/]*$/u);
    if (!typed) return null;
    const before = typed.from > 0 ? ctx.state.sliceDoc(typed.from - 1, typed.from) : '';
    if (before && !/\s/u.test(before)) return null;
    const list = pieces();
    if (list.length === 0) return null;
    const options: Completion[] = list.map((p) => ({
      label: p.name,
      detail: kindLabel(p.kind),
      info: pieceText(p, network()),
      type: p.kind === 'hashtags' ? 'keyword' : 'text',
      apply: (view: EditorView, _c: Completion, from: number, to: number) => {
        const text = pieceText(p, network());
        // from is just after the "/": the slash goes too.
        view.dispatch({ changes: { from: from - 1, to, insert: text }, selection: { anchor: from - 1 + text.length }, userEvent: 'input.complete' });
      },
    }));
    return { from: typed.from + 1, options, validFor: /^[^\s/]*$/u };
  };
}

/** slashMenu is the editor extension of the slash menu. */
export function slashMenu(pieces: () => Piece[], network: () => string, kindLabel: (k: Piece['kind']) => string): Extension {
  // The menu opens only on a "/" typed after a space, so Enter right after it
  // means the piece, not a new line: no delay before it can be chosen.
  return autocompletion({ override: [slashSource(pieces, network, kindLabel)], icons: false, interactionDelay: 0 });
}
