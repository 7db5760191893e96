// End-to-end: the style guide in the post editor and at approval. A banned
// phrase with a replacement is added on the Style guide page; typed in a
// post it is underlined where it is; approval is refused while the error is
// there; its one-click fix replaces it; a warning then needs an
// acknowledgement, which the history keeps with who approved. Once in
// English and once in Bahasa Indonesia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, onboard, saveFailureArtifacts, until } from './harness.mjs';
import { editorText, typeInEditor } from './editor.mjs';

const T = 20_000;

const EN = {
  nav: 'Style guide',
  calendar: 'Calendar',
  section: 'Add to Banned words and phrases',
  phrase: 'Phrase',
  replacement: 'Suggested replacement',
  why: 'Why',
  severity: 'Severity',
  error: 'Error: blocks approval',
  warning: 'Warning: needs an acknowledgement',
  save: 'Save',
  text: 'Text',
  submit: 'Submit for review',
  approve: 'Approve',
  inReview: 'In review',
  approved: 'Approved',
  refused: /breaks the style guide/,
  fix: (r) => `Replace with “${r}”`,
  ackTitle: 'Approve despite these warnings?',
  ackConfirm: 'Approve anyway',
  acked: (name) => `${name} approved despite these warnings:`,
  heading: 'Content calendar',
};

const ID = {
  nav: 'Panduan gaya',
  calendar: 'Kalender',
  section: 'Tambah ke Kata dan frasa terlarang',
  phrase: 'Frasa',
  replacement: 'Usulan pengganti',
  why: 'Alasan',
  severity: 'Tingkat',
  error: 'Galat: menahan persetujuan',
  warning: 'Peringatan: perlu dikonfirmasi',
  save: 'Simpan',
  text: 'Teks',
  submit: 'Ajukan untuk ditinjau',
  approve: 'Setujui',
  inReview: 'Ditinjau',
  approved: 'Disetujui',
  refused: /melanggar panduan gaya/,
  fix: (r) => `Ganti dengan “${r}”`,
  ackTitle: 'Setujui meski ada peringatan ini?',
  ackConfirm: 'Tetap setujui',
  acked: (name) => `${name} menyetujui meski ada peringatan ini:`,
  heading: 'Kalender konten',
};

/** addBanned adds a banned phrase on the Style guide page through its form. */
async function addBanned(page, L, { phrase, replacement, why, severity }) {
  await page.locator('nav').getByText(L.nav, { exact: true }).click();
  await page.getByRole('button', { name: L.section }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(L.phrase, { exact: true }).fill(phrase);
  if (replacement) await form.getByLabel(L.replacement, { exact: true }).fill(replacement);
  await form.getByLabel(L.why, { exact: true }).fill(why);
  await form.getByRole('combobox', { name: L.severity, exact: true }).click();
  await page.getByRole('option', { name: severity, exact: true }).click();
  await form.getByRole('button', { name: L.save, exact: true }).click();
  await page.getByTestId('guide-section-banned').getByText(phrase, { exact: false }).first().waitFor({ timeout: T });
}

/**
 * flow runs the editor-to-approval story on post in language L: type a text
 * with the error phrase and the warning phrase, see the underlines, be
 * refused, fix, acknowledge the warning, find it in the history.
 */
async function flow(page, dataDir, L, { post, me, bad, good, warn, text, summary }) {
  await page.locator('nav').getByText(L.calendar, { exact: true }).click();
  await page.getByRole('heading', { name: L.heading }).waitFor({ timeout: T });
  await page.locator('.fc-event', { hasText: post.title }).first().click();
  const editor = page.getByRole('dialog');
  const box = editor.getByRole('textbox', { name: L.text, exact: true });
  await typeInEditor(box, text);

  // The error is underlined on the phrase itself, the warning on its word.
  const errorMark = editor.locator('.cm-lintRange-error', { hasText: bad });
  await errorMark.first().waitFor({ timeout: T });
  assert.equal((await errorMark.first().textContent()).trim(), bad);
  await editor.locator('.cm-lintRange-warning', { hasText: warn }).first().waitFor({ timeout: T });
  // Under the channel: the rating against the guide's ceiling, hashtags and emoji.
  const summaryBox = editor.getByTestId(`summary-${post.channels[0]}`);
  await until(async () => (await summaryBox.innerText()).replace(/\s+/g, ' ').trim() === summary, T);

  await editor.getByRole('button', { name: L.save, exact: true }).click();
  await until(async () => (await cliJSON(dataDir, 'post', 'show', post.id, '--json')).body === text, T);
  // The card in the month beside the editor carries the error marker.
  await page.locator('.fc-event', { hasText: post.title }).locator('[data-check="error"]').first().waitFor({ timeout: T });
  await editor.getByRole('button', { name: L.submit }).click();
  await editor.getByTestId('post-status').getByText(L.inReview).waitFor({ timeout: T });

  // Approving is refused while the error is there, naming it; nothing moves.
  await editor.getByRole('button', { name: L.approve, exact: true }).click();
  const refusal = editor.getByTestId('workflow-error');
  await refusal.waitFor({ timeout: T });
  assert.match(await refusal.innerText(), L.refused);
  assert.match(await refusal.innerText(), new RegExp(bad));
  assert.equal((await cliJSON(dataDir, 'post', 'show', post.id, '--json')).status, 'in_review');

  // The one-click fix replaces the phrase; the underline goes.
  await editor.getByRole('button', { name: L.fix(good) }).first().click();
  const fixed = text.replace(bad, good);
  await until(async () => (await editorText(box)) === fixed, T);
  await until(async () => (await editor.locator('.cm-lintRange-error').count()) === 0, T);
  await editor.getByRole('button', { name: L.save, exact: true }).click();
  await until(async () => (await cliJSON(dataDir, 'post', 'show', post.id, '--json')).body === fixed, T);

  // Now only the warning is left: approving asks to acknowledge it.
  await editor.getByRole('button', { name: L.approve, exact: true }).click();
  const ask = page.getByRole('dialog', { name: L.ackTitle });
  await ask.waitFor({ timeout: T });
  assert.match(await ask.innerText(), new RegExp(warn));
  await ask.getByRole('button', { name: L.ackConfirm }).click();
  await editor.getByTestId('post-status').getByText(L.approved).waitFor({ timeout: T });

  // The history says who approved despite which warning, and when.
  const acked = editor.getByTestId('history-acknowledged');
  await acked.getByText(L.acked(me.name)).waitFor({ timeout: T });
  assert.match(await acked.innerText(), new RegExp(warn));
  const shown = await cliJSON(dataDir, 'post', 'show', post.id, '--json');
  const approval = shown.history.at(-1);
  assert.equal(approval.to, 'approved');
  assert.equal(approval.memberId, me.id);
  assert.ok(approval.at, 'the approval has its time');
  assert.ok(approval.acknowledged.some((w) => w.text.toLowerCase() === warn.toLowerCase()), JSON.stringify(approval));
  await editor.getByRole('button', { name: /^(Close|Tutup)$/ }).last().click();
}

test('a banned phrase from the Style guide page is underlined as typed, fixed in one click, and gates approval; a warning is acknowledged in the history (English and Indonesian)', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'styleguide-gate' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    // A new workspace, with the example guide (its required hashtag warns on every post below).
    await onboard(page, app.url, { name: 'Sari' });
    const sari = (await cliJSON(dataDir, 'member', 'list', '--json')).find((m) => m.name === 'Sari');
    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopinusantara', '--json');
    const month = new Date().toISOString().slice(0, 7);
    const first = await cliJSON(dataDir, 'post', 'add', '--title', 'Promo pagi', '--channel', ig.id, '--date', `${month}-10`, '--json');
    const second = await cliJSON(dataDir, 'post', 'add', '--title', 'Promo sore', '--channel', ig.id, '--date', `${month}-12`, '--json');
    await addBanned(page, EN, { phrase: 'kopi murah', replacement: 'kopi hemat', why: 'Terdengar murahan', severity: EN.error });
    await addBanned(page, EN, { phrase: 'mantul', why: 'Too casual', severity: EN.warning });
    await flow(page, dataDir, EN, { post: first, me: sari, bad: 'kopi murah', good: 'kopi hemat', warn: 'mantul', text: 'Pagi ini ada kopi murah ☕ rasanya mantul', summary: 'Rating G (up to PG on this channel) · 0 hashtags · 1 emoji' });

    // Bahasa Indonesia, from the Style guide page to the history.
    await page.evaluate(() => window.go.api.Workspace.SetLanguage('id'));
    await page.reload();
    await page.getByRole('heading', { name: ID.heading }).waitFor({ timeout: T });
    await addBanned(page, ID, { phrase: 'harga miring', replacement: 'harga hemat', why: 'Kurang sopan', severity: ID.error });
    await flow(page, dataDir, ID, { post: second, me: sari, bad: 'harga miring', good: 'harga hemat', warn: 'mantul', text: 'Sore ini harga miring, mantul! #promo', summary: 'Rating konten G (saluran ini boleh sampai PG) · 1 tagar · 0 buah emoji' });

    // A guide change that makes both approved posts fail: they need another
    // look (under the approval queue, and on the command line), with their
    // error marker, and stay approved.
    await addBanned(page, ID, { phrase: 'kopi hemat', replacement: 'kopi pilihan', why: 'Kata baru', severity: ID.error });
    await page.goto(`${app.url}#/calendar?queue=approval`);
    const look = page.getByTestId('needs-look');
    await look.getByRole('row', { name: /Promo pagi/ }).waitFor({ timeout: T });
    await look.getByRole('row', { name: /Promo pagi/ }).getByRole('img', { name: 'Melanggar panduan gaya' }).waitFor({ timeout: T });
    assert.equal(await look.getByRole('row', { name: /Promo sore/ }).count(), 0, 'a post the change does not touch is not listed');
    const listed = await cliJSON(dataDir, 'post', 'list', '--needs-look', '--json');
    assert.deepEqual(listed.map((p) => [p.title, p.status, p.check]), [['Promo pagi', 'approved', 'error']]);

    // The week view's cards carry the same marker as the month's.
    await page.goto(`${app.url}#/calendar?date=${month}-10`);
    await page.reload();
    await page.locator('.fc-timeGridWeek-button').click();
    const weekCard = page.locator('.fc-timeGridWeek-view .fc-event', { hasText: 'Promo pagi' });
    await weekCard.getByRole('img', { name: 'Melanggar panduan gaya' }).waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
