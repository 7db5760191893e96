import { describe, expect, it } from 'vitest';
import { EDITOR_MAX, EDITOR_MIN, clampWidth } from './EditorSplit';

describe('clampWidth', () => {
  it('keeps the editor usable and leaves the calendar room beside it', () => {
    expect(clampWidth(100, 1280)).toBe(EDITOR_MIN);
    expect(clampWidth(5000, 2560)).toBe(EDITOR_MAX);
    // In a 1280 px window the calendar keeps its room beside the menu.
    expect(clampWidth(900, 1280)).toBe(520);
    expect(clampWidth(450, 1280)).toBe(450);
    // A small window still gets a usable editor.
    expect(clampWidth(900, 1000)).toBe(EDITOR_MIN);
  });
});
