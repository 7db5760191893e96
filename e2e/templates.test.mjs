// End-to-end: snippets and hashtag groups inserted while writing a post
// from the slash menu, and a post made from a template by filling in its
// blanks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, onboard } from './harness.mjs';

const T = 20_000;

async function openTemplates(page, tab) {
  await page.getByText('Templates', { exact: true }).first().click();
  await page.getByRole('tab', { name: tab }).click();
}

async function addPiece(page, tab, button, name, text) {
  await openTemplates(page, tab);
  await page.getByRole('button', { name: button }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('Name').fill(name);
  await drawer.getByLabel(tab === 'Hashtag groups' ? 'Hashtags' : 'Text', { exact: true }).fill(text);
  await drawer.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('template-row').filter({ hasText: name }).waitFor({ timeout: T });
}

test('insert a hashtag group and a signature from the slash menu while writing a post', async () => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'templates-insert' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    await openTemplates(page, 'Snippets');
    await page.getByTestId('templates-empty').getByText('No snippets yet').waitFor({ timeout: T });
    await addPiece(page, 'Snippets', 'New snippet', 'Signature', '— Tim Kopi Nusantara ☕');
    await addPiece(page, 'Hashtag groups', 'New hashtag group', 'Launch tags', '#kopinusantara #kopilokal');

    await page.getByText('Calendar', { exact: true }).first().click();
    await page.getByRole('button', { name: 'New post' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByLabel('Title').fill('Kopi susu baru');
    const text = editor.getByRole('textbox', { name: 'Text', exact: true });
    await text.click();
    await page.keyboard.type('Kopi susu gula aren sudah hadir! /launch');
    const menu = page.locator('.cm-tooltip-autocomplete');
    await menu.getByText('Launch tags').waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    await page.keyboard.type(' /sig');
    await menu.getByText('Signature').waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    const want = 'Kopi susu gula aren sudah hadir! #kopinusantara #kopilokal — Tim Kopi Nusantara ☕';
    assert.equal(await text.innerText(), want);
    // A link's slash opens nothing.
    await page.keyboard.type(' https://kopi.id/');
    assert.equal(await menu.count(), 0);
    await page.keyboard.press('Backspace');
    for (let i = 0; i < ' https://kopi.id'.length; i++) await page.keyboard.press('Backspace');

    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('"Kopi susu baru" was added').waitFor({ timeout: T });
    const [post] = await cliJSON(dataDir, 'post', 'list', '--json');
    assert.equal(post.body, want);
  } catch (err) {
    await saveFailureArtifacts(page, 'templates-insert');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('create a post from a template by filling in its blanks', async () => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'templates-post' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    await openTemplates(page, 'Post templates');
    await page.getByRole('button', { name: 'New post template' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Name').fill('Peluncuran produk');
    await drawer.getByLabel('Post title').fill('Peluncuran {{product}}');
    await drawer.getByLabel('Text', { exact: true }).fill('{{product}} hadir hari ini 🎉 Pesan di {{link}}');
    await drawer.getByRole('combobox', { name: 'Channels' }).click({ force: true });
    await page.getByRole('option', { name: '@kopi (instagram)' }).click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: 'Save' }).click();
    const row = page.getByTestId('template-row').filter({ hasText: 'Peluncuran produk' });
    await row.waitFor({ timeout: T });

    // An unclosed blank is refused when saving, with where it is.
    await page.getByRole('button', { name: 'New post template' }).click();
    await drawer.getByLabel('Name').fill('Rusak');
    await drawer.getByLabel('Text', { exact: true }).fill('Beli {{product sekarang');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.getByText('A placeholder that starts on line 1, column 6 is never closed').waitFor({ timeout: T });
    await drawer.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Use' }).click();
    const modal = page.getByRole('dialog', { name: 'New post from template' });
    await modal.getByTestId('preview-missing').getByText('Fill in: product, link.').waitFor({ timeout: T });
    await modal.getByLabel('Product').fill('Kopi Gula Aren');
    await modal.getByLabel('Link').fill('https://kopi.id/{{x}}');
    const preview = modal.getByTestId('template-preview');
    await preview.getByText('Kopi Gula Aren hadir hari ini 🎉 Pesan di https://kopi.id/{{x}}').waitFor({ timeout: T });
    await modal.getByLabel('Date').fill('2031-05-20');
    await modal.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Draft "Peluncuran Kopi Gula Aren" created.').waitFor({ timeout: T });

    const [post] = await cliJSON(dataDir, 'post', 'list', '--json');
    assert.equal(post.title, 'Peluncuran Kopi Gula Aren');
    assert.equal(post.body, 'Kopi Gula Aren hadir hari ini 🎉 Pesan di https://kopi.id/{{x}}');
    assert.equal(post.status, 'draft');
    assert.equal(post.date, '2031-05-20');
    assert.deepEqual(post.channels, [ig.id]);
  } catch (err) {
    await saveFailureArtifacts(page, 'templates-post');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
