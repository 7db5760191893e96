import { describe, expect, it } from 'vitest';

// The browser's own confirm box is in the computer's language, not the one
// chosen in Postdeck, and looks foreign in the window: every "are you sure"
// is ConfirmDelete (the question next to its button, Enter confirms, Escape
// cancels). Its behaviour is tested where it is used (DevicesPanel, PlansPage).
describe('no screen asks with the browser\'s confirm box', () => {
  const sources = import.meta.glob(['../../**/*.{ts,tsx}', '!../../**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it('uses ConfirmDelete instead of window.confirm', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /window\.confirm\(|(?<![.\w])confirm\(/.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
