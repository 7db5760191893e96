// End-to-end: what device trust looks like to the people using it.
//  - On a copywriter's computer (confirmed for Budi by the manager), picking
//    the manager in Settings, "This computer belongs to", is refused with a
//    clear message in the window's language, and the setting keeps Budi, also
//    after a reload.
//  - A teammate approves a post offline on their computer after the manager
//    took that right away: the manager's Sync page lists the approval as
//    refused (who, what, why) and the post stays in review in the calendar;
//    revoking that computer asks first (Escape keeps it, Enter revokes it).
// The founder's computer and the second computer are driven by the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, onboard, tmpDataDir, cli, cliJSON, confirmWaiting, saveFailureArtifacts, until } from './harness.mjs';

const T = 30_000;

/** pickMe opens "This computer belongs to" (label) and picks name. */
async function pickMe(page, label, name) {
  const select = page.getByRole('combobox', { name: label });
  await select.click();
  await page.getByRole('option', { name, exact: true }).click();
}

test('a confirmed copywriter computer cannot switch to the manager in Settings', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  // The founder's computer: Sari manages the team, Budi writes copy.
  const sari = await cliJSON(dataA, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  const budi = await cliJSON(dataA, 'member', 'add', '--name', 'Budi', '--role', 'copywriter', '--json');
  await cliJSON(dataA, 'me', 'set', sari.id, '--json');
  await cliJSON(dataA, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Asia/Jakarta', '--json');
  await cliJSON(dataA, 'sync', 'connect', shared, '--json');
  // Budi's computer joins the encrypted folder (the default): it cannot read
  // the team yet, so Sari confirms it for Budi, and it takes Budi with the key.
  await cliJSON(dataB, 'sync', 'join', shared, '--json');
  await cli(dataB, 'sync', '--once');
  await confirmWaiting(dataA, budi.id);
  await cli(dataB, 'sync', '--once');
  assert.equal((await cliJSON(dataB, 'device', 'list', '--json')).find((d) => d.this).state, 'confirmed');
  assert.equal((await cliJSON(dataB, 'workspace', 'show', '--json')).me, budi.id);

  const app = await startApp({ dataDir: dataB, name: 'device-trust-me' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'My work' }).waitFor({ timeout: T });
    await page.getByText('Settings', { exact: true }).first().click();
    const me = page.getByRole('combobox', { name: 'This computer belongs to' });
    await until(async () => (await me.inputValue()) === 'Budi');

    await pickMe(page, 'This computer belongs to', 'Sari');
    await page
      .getByText('This computer is not confirmed for that member. Ask them, or someone who manages the team, to confirm it on the Sync page first.')
      .waitFor({ timeout: T });
    // The setting still says Budi, in the window and in the data.
    await until(async () => (await me.inputValue()) === 'Budi');
    assert.equal((await cliJSON(dataB, 'workspace', 'show', '--json')).me, budi.id);
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: T });
    await until(async () => (await me.inputValue()) === 'Budi');

    // The same in Bahasa Indonesia.
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByRole('heading', { name: 'Pengaturan' }).waitFor({ timeout: T });
    await pickMe(page, 'Komputer ini milik', 'Sari');
    await page.getByText('Komputer ini belum dikonfirmasi untuk anggota itu.', { exact: false }).waitFor({ timeout: T });
    const milik = page.getByRole('combobox', { name: 'Komputer ini milik' });
    await until(async () => (await milik.inputValue()) === 'Budi');
    assert.equal((await cliJSON(dataB, 'workspace', 'show', '--json')).me, budi.id);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test("the Sync page lists a teammate's approval made without the right, and the post stays in review", async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'device-trust-refused' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url, { name: 'Sari' });
    const sari = (await cliJSON(dataA, 'workspace', 'show', '--json')).me;
    // Budi starts as a brand manager: he may approve posts.
    const budi = await cliJSON(dataA, 'member', 'add', '--name', 'Budi', '--role', 'brand_manager', '--json');
    const ch = await cliJSON(dataA, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    const post = await cliJSON(dataA, 'post', 'add', '--title', 'Promo Desember', '--text', 'Diskon kopi susu',
      '--channel', ch.id, '--date', '2026-12-15', '--json');
    await cli(dataA, 'post', 'move', post.id, '--status', 'in_review', '--as', sari);

    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });

    // Budi's computer joins the encrypted folder (the window's default) and
    // Sari, choosing whom it belongs to, confirms it.
    await cliJSON(dataB, 'sync', 'join', shared, '--json');
    await cli(dataB, 'sync', '--once');
    const request = page.getByTestId('join-request');
    await request.getByText('wants to join', { exact: false }).waitFor({ timeout: T });
    await request.getByLabel('Joins as').click();
    await page.getByRole('option', { name: 'Budi', exact: true }).click();
    await request.getByRole('button', { name: 'Confirm' }).click({ timeout: T });
    await page.getByText('Computer confirmed').waitFor({ timeout: T });
    await until(async () => {
      await cli(dataB, 'sync', '--once');
      const mine = (await cliJSON(dataB, 'device', 'list', '--json')).find((d) => d.this);
      const me = (await cliJSON(dataB, 'workspace', 'show', '--json')).me;
      return mine.state === 'confirmed' && me === budi.id;
    }, 60_000);

    // Sari makes Budi a copywriter (no approving); Budi, offline, still sees
    // his old role and approves the post on his computer.
    await cli(dataA, 'member', 'update', budi.id, '--role', 'copywriter', '--as', sari);
    await cli(dataB, 'post', 'move', post.id, '--status', 'approved', '--ack-warnings', '--as', budi.id);
    await cli(dataB, 'sync', '--once');

    // The window's computer refuses it and says so on the Sync page.
    const refused = page.getByTestId('sync-refused');
    await until(async () => {
      if (await refused.count()) return true;
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.waitForTimeout(300);
      return false;
    }, 60_000);
    await refused.getByText('1 change from a teammate was not applied').waitFor({ timeout: T });
    const row = refused.getByTestId('sync-refused-row');
    assert.equal(await row.count(), 1);
    await row.getByText('Budi', { exact: true }).waitFor();
    await row.getByText('Approved the post "Promo Desember"').waitFor();
    await row.getByText("Budi's roles at that moment did not allow: Approve posts").waitFor();

    // The post is still in review in the calendar.
    const shown = await cliJSON(dataA, 'post', 'show', post.id, '--json');
    assert.equal(shown.status, 'in_review');
    await page.getByText('Calendar', { exact: true }).first().click();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
    await page.getByText('Promo Desember').first().click();
    await page.getByRole('dialog').getByText('In review', { exact: true }).first().waitFor({ timeout: T });
    await page.keyboard.press('Escape');

    // In Bahasa Indonesia too.
    await page.getByText('Settings', { exact: true }).first().click();
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByRole('heading', { name: 'Pengaturan' }).waitFor({ timeout: T });
    await page.getByText('Sinkronisasi', { exact: true }).first().click();
    await refused.getByText('Menyetujui postingan "Promo Desember"', { exact: false }).waitFor({ timeout: T });

    // Revoking Budi's computer asks first, in the app's own words: Escape
    // keeps it, Enter revokes it.
    const budisComputer = (await cliJSON(dataB, 'device', 'list', '--json')).find((d) => d.this);
    const budiRow = page.getByTestId('computer-row').filter({ hasText: budisComputer.fingerprint });
    await budiRow.getByText('Budi', { exact: true }).waitFor({ timeout: T });
    await budiRow.getByRole('button', { name: 'Cabut' }).click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText('Perubahannya mulai sekarang ditolak di setiap komputer.', { exact: false }).waitFor({ timeout: T });
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden', timeout: T });
    assert.equal((await cliJSON(dataA, 'device', 'list', '--json')).find((d) => d.id === budisComputer.id).state, 'confirmed');
    await budiRow.getByRole('button', { name: 'Cabut' }).click();
    await ask.getByRole('button', { name: 'Cabut' }).waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    await page.getByText('Komputer dicabut.', { exact: false }).waitFor({ timeout: T });
    assert.equal((await cliJSON(dataA, 'device', 'list', '--json')).find((d) => d.id === budisComputer.id).state, 'revoked');
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
