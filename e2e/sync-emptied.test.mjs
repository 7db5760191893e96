// End-to-end: the team folder is emptied behind the window's back. The Sync
// page asks before it publishes anything (it may be the wrong folder), in
// English and in Bahasa Indonesia; once the person says yes, a teammate
// carries on and a new computer can join again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startApp, openBrowser, onboard, tmpDataDir, cli, cliJSON, cliResult, confirmWaiting, saveFailureArtifacts, until } from './harness.mjs';

const T = 30_000;

test('the Sync page asks before refilling an emptied shared folder', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const dataC = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'sync-emptied' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url, { name: 'Sari' });
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    // This test is about a plain folder; sync-encrypted.test.mjs covers encryption.
    await page.getByRole('checkbox', { name: /Encrypt the shared folder/ }).uncheck();
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });
    await cliJSON(dataB, 'sync', 'join', shared, '--json');
    await cli(dataB, 'member', 'add', '--name', 'Budi', '--role', 'copywriter');
    await cli(dataB, 'sync', '--once');
    await confirmWaiting(dataA);
    // The window's background sync has Budi before the folder goes.
    await until(async () => (await cliJSON(dataA, 'member', 'list', '--json')).some((m) => m.name === 'Budi'));

    // Someone deletes Postdeck's folder: the background sync stops and asks.
    rmSync(path.join(shared, 'postdeck'), { recursive: true, force: true });
    const question = page.getByTestId('sync-emptied');
    await question.getByText('The shared folder lost this workspace').waitFor({ timeout: T });
    await question.getByText(`Postdeck's files for this computer are gone from ${shared}.`, { exact: false }).waitFor();
    await question.getByRole('button', { name: 'Yes, publish everything from this computer' }).waitFor();
    // Nothing was written before the person answered.
    const early = await cliResult(dataC, 'sync', 'join', shared);
    assert.notEqual(early.code, 0, 'a new computer could join an emptied folder');

    // The same question in Bahasa Indonesia, answered there.
    await page.getByText('Settings', { exact: true }).first().click();
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByRole('heading', { name: 'Pengaturan' }).waitFor({ timeout: T });
    await page.getByText('Sinkronisasi', { exact: true }).first().click();
    await question.getByText('Folder bersama kehilangan ruang kerja ini').waitFor({ timeout: T });
    await question.getByRole('button', { name: 'Ya, terbitkan semua dari komputer ini' }).click();
    await page.getByText('Sudah diterbitkan. Rekan tim menerima semuanya pada sinkronisasi berikutnya.').waitFor({ timeout: T });
    await question.waitFor({ state: 'detached', timeout: T });

    // The teammate carries on without copies or conflicts; a new computer joins.
    const onB = await cliJSON(dataB, 'sync', '--once', '--json');
    assert.equal(onB.conflicts, 0);
    assert.equal((await cliJSON(dataB, 'sync', 'status', '--json')).conflicts, 0);
    await cliJSON(dataC, 'sync', 'join', shared, '--json');
    const names = (await cliJSON(dataC, 'member', 'list', '--json')).map((m) => m.name).sort();
    assert.deepEqual(names, ['Budi', 'Sari']);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
