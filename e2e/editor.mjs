// Typing into the post editor's text boxes, which are CodeMirror editors
// (contenteditable), as a person does: focus, select all, type.

/**
 * typeInEditor replaces the text of a CodeMirror box (the contenteditable
 * found by its label) with text, typing it; new lines are Enter presses.
 * @param {import('playwright-core').Locator} box
 * @param {string} text
 */
export async function typeInEditor(box, text) {
  await box.click();
  await box.press('Control+A');
  await box.press('Backspace');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await box.press('Enter');
    if (lines[i]) await box.page().keyboard.insertText(lines[i]);
  }
}

/**
 * editorText is the text a CodeMirror box holds (its lines joined with new
 * lines; CodeMirror draws only the lines in view of a very long text).
 * @param {import('playwright-core').Locator} box
 */
export function editorText(box) {
  return box.evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}
