// End-to-end: two data folders, the window on one and the command line on the
// other, sync through one shared folder; the Sync page says both have the same
// data ("in agreement with 2 of 2 devices"), in English and Bahasa Indonesia,
// and `sync status --json` on the other computer says the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, onboard, tmpDataDir, cli, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 30_000;

test('the Sync page says two synced computers are in agreement', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'sync-agreement' });
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
    // Sari confirms the new computer on the Sync page, or its changes wait.
    await cli(dataB, 'sync', '--once');
    await page.getByTestId('join-request').getByRole('button', { name: 'Confirm' }).click({ timeout: T });
    await page.getByText('Computer confirmed').waitFor({ timeout: T });
    const line = page.getByTestId('sync-agreement');
    // Each side publishes its state when it syncs; sync both until the
    // window has heard the other computer at the same point.
    await until(async () => {
      await cli(dataB, 'sync', '--once');
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.waitForTimeout(300);
      return (await line.textContent()) === "This computer's data is in agreement with 2 of 2 devices";
    }, 60_000);
    assert.equal(await page.getByTestId('sync-agreement-differs').count(), 0);

    // The other computer reads the window's state at its next sync.
    let onB;
    await until(async () => {
      await cli(dataB, 'sync', '--once');
      onB = await cliJSON(dataB, 'sync', 'status', '--json');
      return onB.agreement.agreeing === 2;
    }, 60_000);
    assert.equal(onB.agreement.total, 2);
    assert.equal(onB.agreement.devices[0].state, 'agree');

    await page.getByText('Settings', { exact: true }).first().click();
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByRole('heading', { name: 'Pengaturan' }).waitFor({ timeout: T });
    await page.getByText('Sinkronisasi', { exact: true }).first().click();
    await line.getByText('Data komputer ini selaras dengan 2 dari 2 perangkat', { exact: true }).waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
