// End-to-end: a new computer (the command line on a second data folder) asks
// to join as Budi; the manager compares the code and confirms it on the Sync
// page, and Budi's post then appears in the window. Once confirmed as Budi,
// that computer cannot switch "This computer belongs to" to the manager.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, onboard, tmpDataDir, cli, cliJSON, cliResult, saveFailureArtifacts } from './harness.mjs';

const T = 30_000;

test('a new computer asks to join, the manager confirms it on the Sync page, and its posts appear', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'device-join' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url, { name: 'Sari' });
    const sari = (await cliJSON(dataA, 'workspace', 'show', '--json')).me;
    const budi = await cliJSON(dataA, 'member', 'add', '--name', 'Budi', '--role', 'copywriter', '--json');
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    // This test is about a plain folder; sync-encrypted.test.mjs covers encryption.
    await page.getByRole('checkbox', { name: /Encrypt the shared folder/ }).uncheck();
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });

    // The new computer joins, says it is Budi and drafts a post.
    await cliJSON(dataB, 'sync', 'join', shared, '--json');
    await cliJSON(dataB, 'me', 'set', budi.id, '--json');
    await cliJSON(dataB, 'post', 'add', '--title', 'Ide dari Budi', '--json');
    const sent = await cliJSON(dataB, 'sync', '--once', '--json');
    assert.ok(sent.pushed > 0);
    const mine = (await cliJSON(dataB, 'device', 'list', '--json')).find((d) => d.this);
    assert.equal(mine.state, 'waiting');

    // The manager sees the request with the same code, and nothing of Budi's yet.
    // (The window's background sync may have seen the computer before it
    // said who it is; the request follows at its next sync.)
    const request = page.getByTestId('join-request');
    await request.getByText('New computer "', { exact: false }).filter({ hasText: 'wants to join as Budi' }).waitFor({ timeout: T });
    assert.equal(await request.getByTestId('join-fingerprint').innerText(), mine.fingerprint);
    const waiting = await cliJSON(dataA, 'sync', 'status', '--json');
    assert.equal(waiting.waiting.length, 1);
    assert.equal(waiting.waiting[0].id, mine.id);
    assert.equal(waiting.waiting[0].waitingReason, 'not_confirmed');
    assert.ok(!(await cliJSON(dataA, 'post', 'list', '--ideas', '--json')).some((p) => p.title === 'Ide dari Budi'));

    await request.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Computer confirmed').waitFor({ timeout: T });
    await page.getByTestId('computer-row').filter({ hasText: 'Budi' }).getByText('Confirmed', { exact: true }).waitFor({ timeout: T });

    // Its post arrives in the calendar without a reload.
    await page.getByText('Calendar', { exact: true }).first().click();
    await page.getByTestId('backlog').getByText('Ide dari Budi').waitFor({ timeout: T });

    // Budi's computer learns it is confirmed; it may not become the manager.
    await cli(dataB, 'sync', '--once');
    assert.equal((await cliJSON(dataB, 'device', 'list', '--json')).find((d) => d.this).state, 'confirmed');
    const refused = await cliResult(dataB, 'me', 'set', sari, '--json');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /device\.not_confirmed_for_member/);
    assert.equal((await cliJSON(dataB, 'workspace', 'show', '--json')).me, budi.id);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
