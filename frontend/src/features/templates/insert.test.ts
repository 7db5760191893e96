import { afterEach, describe, expect, it } from 'vitest';
import { editorNetwork, insertIntoEditor, trackEditors } from './insert';

describe('inserting a snippet into the text being written', () => {
  let stop: () => void = () => {};
  afterEach(() => {
    stop();
    document.body.innerHTML = '';
  });

  function editor(value: string, network = '') {
    document.body.innerHTML = network ? `<div data-network="${network}"><textarea></textarea></div><input id="search" />` : '<textarea></textarea><input id="search" />';
    const ta = document.querySelector('textarea')!;
    ta.value = value;
    const seen: string[] = [];
    ta.addEventListener('input', () => seen.push(ta.value));
    stop = trackEditors();
    ta.focus();
    return { ta, seen };
  }

  it('goes in at the cursor of the editor last used, as a change the form sees, although the palette has the focus', () => {
    const { ta, seen } = editor('Kopi susu hadir!Pesan sekarang');
    ta.setSelectionRange(16, 16);
    (document.getElementById('search') as HTMLInputElement).focus();
    expect(insertIntoEditor('#kopinusantara ☕')).toBe(true);
    expect(ta.value).toBe('Kopi susu hadir! #kopinusantara ☕ Pesan sekarang');
    expect(seen).toEqual([ta.value]);
    expect(document.activeElement).toBe(ta);
    expect(ta.selectionStart).toBe('Kopi susu hadir! #kopinusantara ☕ '.length);
  });

  it('replaces a selection, and puts a multi-line snippet on lines of its own', () => {
    const { ta } = editor('Halo XXX dari kami');
    ta.setSelectionRange(5, 8);
    insertIntoEditor('Sari');
    expect(ta.value).toBe('Halo Sari dari kami');
    ta.setSelectionRange(ta.value.length, ta.value.length);
    insertIntoEditor('—\nTim Kopi Nusantara');
    expect(ta.value).toBe('Halo Sari dari kami\n—\nTim Kopi Nusantara');
  });

  it('says so when no editor is open, and knows the network of the one that is', () => {
    const { ta } = editor('', 'x');
    expect(editorNetwork()).toBe('x');
    ta.remove();
    expect(insertIntoEditor('#kopi')).toBe(false);
    expect(editorNetwork()).toBe('');
  });
});
