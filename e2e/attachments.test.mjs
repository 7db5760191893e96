// End-to-end: files on posts, previewed in the window and carried to a
// teammate through the shared folder; a file still on its way shows as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cli, cliJSON, saveFailureArtifacts, onboard, until, confirmWaiting } from './harness.mjs';

const T = 20_000;
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('attach a photo in the editor, see it; a teammate\'s files arrive, one pending until its file is in the folder', async () => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'attachments' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    // This test is about a plain folder; sync-encrypted.test.mjs covers encryption.
    await page.getByRole('checkbox', { name: /Encrypt the shared folder/ }).uncheck();
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });

    const today = new Date().toISOString().slice(0, 10);
    const post = await cliJSON(dataA, 'post', 'add', '--title', 'Foto produk', '--date', today, '--json');
    await page.getByText('Calendar', { exact: true }).first().click();
    await page.locator('.fc-event', { hasText: 'Foto produk' }).first().click();
    const editor = page.getByRole('dialog');
    const files = editor.getByTestId('attachments');
    await files.getByText('No files yet.').waitFor({ timeout: T });
    await files.locator('input[type=file]').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('foto.png attached').waitFor({ timeout: T });
    const img = files.getByRole('img', { name: 'foto.png' });
    await img.waitFor({ timeout: T });
    await page.waitForFunction((el) => el.complete && el.naturalWidth === 1, await img.elementHandle());

    // A teammate joins once the window has sent the photo (it syncs a moment
    // after a change), attaches a brief and a logo; the logo's file goes missing on the way.
    await until(async () => (await cliJSON(dataA, 'sync', 'status', '--json')).outgoing === 0);
    await cliJSON(dataB, 'sync', 'join', shared, '--json');
    const brief = path.join(tmpDataDir('postdeck-files-'), 'brief.txt');
    fs.writeFileSync(brief, 'Brief: diskon 20% untuk kopi susu');
    const logo = path.join(path.dirname(brief), 'logo.png');
    fs.writeFileSync(logo, Buffer.concat([PNG, Buffer.from('logo')]));
    const onB = await cliJSON(dataB, 'post', 'attach', post.id, brief, logo, '--json');
    assert.deepEqual(onB.map((a) => [a.name, a.state]), [['foto.png', 'here'], ['brief.txt', 'here'], ['logo.png', 'here']]);
    const logoSha = onB[2].sha256;
    await cli(dataB, 'sync', '--once');
    await confirmWaiting(dataA);
    const wsDir = fs.readdirSync(path.join(shared, 'postdeck'))[0];
    fs.rmSync(path.join(shared, 'postdeck', wsDir, 'blobs', logoSha.slice(0, 2), logoSha));

    await files.getByText('brief.txt').waitFor({ timeout: T });
    // Only the logo is on its way (the brief may be for a moment, until the next sync).
    await until(async () => (await files.getByText('on its way').count()) === 1);
    const pending = files.locator('.mantine-Paper-root', { has: page.getByText('on its way') });
    assert.match(await pending.innerText(), /logo\.png/);

    // B's next sync puts the file back; it arrives in the open window.
    await cli(dataB, 'sync', '--once');
    await files.getByRole('img', { name: 'logo.png' }).waitFor({ timeout: 30_000 });
    assert.equal(await files.getByText('on its way').count(), 0);
  } catch (err) {
    await saveFailureArtifacts(page, 'attachments');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
