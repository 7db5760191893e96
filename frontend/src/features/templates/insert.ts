// Inserting snippets and hashtag groups into the text being edited. The
// command palette takes the focus while it is open, so the editor that had
// it last is remembered and gets the text back at its cursor. Post texts are
// CodeMirror editors; other text boxes are textareas.
import { EditorView } from '@codemirror/view';

let lastEditor: HTMLTextAreaElement | null = null;
let lastCode: HTMLElement | null = null;

/** trackEditors remembers the text box last focused; it returns the function that stops it. */
export function trackEditors(doc: Document = document): () => void {
  const onFocus = (e: FocusEvent) => {
    if (!(e.target instanceof HTMLElement)) return;
    const code = e.target.closest<HTMLElement>('.cm-editor');
    if (code) {
      lastCode = code;
      lastEditor = null;
    } else if (e.target instanceof HTMLTextAreaElement && !e.target.readOnly && !e.target.disabled) {
      lastEditor = e.target;
      lastCode = null;
    }
  };
  doc.addEventListener('focusin', onFocus);
  return () => doc.removeEventListener('focusin', onFocus);
}

/** editorNetwork is the network of the text being edited, when its editor says so (data-network). */
export function editorNetwork(): string {
  if (lastCode?.isConnected) return lastCode.closest('[data-network]')?.getAttribute('data-network') ?? '';
  return lastEditor?.isConnected ? (lastEditor.closest('[data-network]')?.getAttribute('data-network') ?? '') : '';
}

/**
 * insertIntoEditor puts text at the cursor of the text box last edited
 * (replacing a selection), with a space or line break where it would run
 * into the words around it, as if typed: the form sees an ordinary change.
 * It returns false when no text box is open.
 */
export function insertIntoEditor(text: string): boolean {
  const view = lastCode?.isConnected ? EditorView.findFromDOM(lastCode) : null;
  if (view) {
    const { from, to } = view.state.selection.main;
    const piece = spaced(text, view.state.sliceDoc(0, from), view.state.sliceDoc(to));
    view.dispatch({ changes: { from, to, insert: piece }, selection: { anchor: from + piece.length }, userEvent: 'input.paste' });
    view.focus();
    return true;
  }
  const el = lastEditor;
  if (!el || !el.isConnected) return false;
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  const before = el.value.slice(0, start);
  const after = el.value.slice(end);
  const piece = spaced(text, before, after);
  const next = before + piece + after;
  // React tracks the value it last set; the native setter plus an input
  // event makes it see this as the user's own edit.
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  setter?.call(el, next);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  const caret = before.length + piece.length;
  el.focus();
  el.setSelectionRange(caret, caret);
  return true;
}

/** spaced adds a space (a line break for several lines) where text would run into its neighbours. */
function spaced(text: string, before: string, after: string): string {
  const multiline = text.includes('\n');
  let piece = text;
  if (before && !/\s$/.test(before)) piece = (multiline ? '\n' : ' ') + piece;
  if (after && !/^\s/.test(after)) piece += multiline ? '\n' : ' ';
  return piece;
}
