// End-to-end: the manager creates the team folder in the window (encrypted,
// the default); the Sync page says so. A new computer (the command line on a
// second data folder) joins: it cannot read anything and says it waits for a
// confirmation. The manager chooses whom it belongs to and confirms it on the
// Sync page; the new computer then reads the posts, and the shared folder holds
// no post title or member name in any file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, openBrowser, onboard, tmpDataDir, cli, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 30_000;

function allFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

test('an encrypted shared folder: the Sync page says so, and a joining computer reads the posts once confirmed', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'sync-encrypted' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url, { name: 'Sari Wulandari' });
    const budi = await cliJSON(dataA, 'member', 'add', '--name', 'Budi Hartono', '--role', 'copywriter', '--json');
    await cliJSON(dataA, 'post', 'add', '--title', 'Peluncuran menu rahasia', '--json');
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    assert.equal(await page.getByRole('checkbox', { name: /Encrypt the shared folder/ }).isChecked(), true);
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });
    await page.getByTestId('sync-encryption').getByText('The shared folder is end-to-end encrypted', { exact: false }).waitFor({ timeout: T });

    // The new computer joins: it reads nothing, and says why.
    await cliJSON(dataB, 'sync', 'join', shared, '--json');
    await cliJSON(dataB, 'sync', '--once', '--json');
    const before = await cliJSON(dataB, 'sync', 'status', '--json');
    assert.equal(before.encryption.waiting, 'waiting_confirmation');
    assert.equal((await cliJSON(dataB, 'post', 'list', '--ideas', '--json')).length, 0);

    // The manager chooses whom it belongs to and confirms it.
    const request = page.getByTestId('join-request');
    await request.getByText('wants to join', { exact: false }).waitFor({ timeout: T });
    await request.getByLabel('Joins as').click();
    await page.getByRole('option', { name: 'Budi Hartono' }).click();
    await request.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Computer confirmed').waitFor({ timeout: T });

    // Once a sync of the manager's window has handed it the key, it reads the posts.
    await until(async () => {
      await cli(dataB, 'sync', '--once');
      return (await cliJSON(dataB, 'post', 'list', '--ideas', '--json')).some((p) => p.title === 'Peluncuran menu rahasia');
    }, T);
    assert.equal((await cliJSON(dataB, 'workspace', 'show', '--json')).me, budi.id);
    const after = await cliJSON(dataB, 'sync', 'status', '--json');
    assert.equal(after.encryption.state, 'on');
    assert.equal(after.encryption.devices.length, 2);

    for (const f of allFiles(shared)) {
      const text = readFileSync(f, 'latin1');
      for (const secret of ['Peluncuran menu rahasia', 'Sari Wulandari', 'Budi Hartono']) {
        assert.ok(!text.includes(secret), `${f} shows ${secret}`);
      }
    }
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('a plain shared folder is encrypted from the Sync page and the teammate carries on', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'sync-encrypt-button' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url, { name: 'Sari Wulandari' });
    await cliJSON(dataA, 'post', 'add', '--title', 'Rencana promo akhir tahun', '--json');
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    await page.getByRole('checkbox', { name: /Encrypt the shared folder/ }).uncheck();
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });
    await page.getByTestId('sync-encryption').getByText('The shared folder is not encrypted', { exact: false }).waitFor({ timeout: T });
    await cliJSON(dataB, 'sync', 'join', shared, '--json');
    await page.getByTestId('join-request').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Computer confirmed').waitFor({ timeout: T });
    await until(async () => {
      await cli(dataB, 'sync', '--once');
      return (await cliJSON(dataB, 'post', 'list', '--ideas', '--json')).some((p) => p.title === 'Rencana promo akhir tahun');
    }, T);

    await page.getByRole('button', { name: 'Encrypt the shared folder' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Encrypt', exact: true }).click();
    await page.getByText('The shared folder is encrypted.').waitFor({ timeout: T });
    await page.getByTestId('sync-encryption').getByText('The shared folder is end-to-end encrypted', { exact: false }).waitFor({ timeout: T });
    for (const f of allFiles(shared)) {
      assert.ok(!readFileSync(f, 'latin1').includes('Rencana promo akhir tahun'), `${f} shows the post's title`);
    }

    // The teammate's computer got the key and carries on through the sealed folder.
    await cliJSON(dataB, 'post', 'add', '--title', 'Balasan dari komputer kedua', '--json');
    await cli(dataB, 'sync', '--once');
    const status = await cliJSON(dataB, 'sync', 'status', '--json');
    assert.equal(status.encryption.state, 'on');
    await page.getByText('Calendar', { exact: true }).first().click();
    await page.getByTestId('backlog').getByText('Balasan dari komputer kedua').waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('a new computer joins an encrypted team folder from first run: it waits with its code, then the workspace arrives', async (t) => {
  const teamDir = tmpDataDir();
  const newDir = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  await cli(teamDir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Asia/Jakarta');
  const sari = await cliJSON(teamDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  await cli(teamDir, 'me', 'set', sari.id);
  await cliJSON(teamDir, 'post', 'add', '--title', 'Ide rahasia', '--json');
  await cliJSON(teamDir, 'sync', 'connect', shared, '--json');

  const app = await startApp({ dataDir: newDir, name: 'join-encrypted' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Welcome to Postdeck' }).waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Join a shared folder' }).click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    await page.getByText('Kopi Nusantara').waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Join this workspace' }).click();

    // Nothing can arrive yet: the computer says so and shows its code.
    const notice = page.getByTestId('sync-key-waiting');
    await notice.getByText('waits for a teammate to confirm it', { exact: false }).waitFor({ timeout: T });
    const code = await notice.getByTestId('my-fingerprint').innerText();

    // The manager compares the code, confirms it as Sari's, and syncs.
    await cli(teamDir, 'sync', '--once');
    const asking = (await cliJSON(teamDir, 'device', 'list', '--json')).find((d) => d.state === 'waiting');
    assert.equal(asking.fingerprint, code);
    await cliJSON(teamDir, 'device', 'confirm', asking.id, '--as', sari.id, '--json');
    await cli(teamDir, 'sync', '--once');

    // At the window's next background sync the workspace arrives, as Sari's.
    await page.getByTestId('workspace-name').getByText('Kopi Nusantara').waitFor({ timeout: 45_000 });
    await page.getByTestId('backlog').getByText('Ide rahasia').waitFor({ timeout: T });
    assert.equal((await cliJSON(newDir, 'workspace', 'show', '--json')).me, sari.id);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
