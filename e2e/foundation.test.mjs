// End-to-end: first-run onboarding, the team, languages and restarts, in
// Chromium against the real Go backend and a real SQLite file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts } from './harness.mjs';

const T = 20_000;

/** onboard fills the first-run screen. */
async function onboard(page, { workspace, name }) {
  await page.getByRole('heading', { name: 'Welcome to Postdeck' }).waitFor({ timeout: T });
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start using Postdeck' }).click();
  // The app opens on the calendar; the team is one click away.
  await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
  await page.getByText('Team', { exact: true }).first().click();
  await page.getByRole('heading', { name: 'Team', exact: true }).waitFor({ timeout: T });
}

/**
 * pick chooses an option in a Mantine Select or MultiSelect by its label. A
 * MultiSelect stays open after a pick, so Escape closes its list (and only
 * its list: on a Select, Escape would close the whole drawer).
 */
async function pick(page, label, option, { multi = false } = {}) {
  await page.getByRole('dialog').getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  if (multi) await page.keyboard.press('Escape');
}

async function addMember(page, { name, role, backup }) {
  await page.getByRole('button', { name: 'Add member' }).first().click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('Name', { exact: true }).fill(name);
  if (role) await pick(page, 'Roles', role, { multi: true });
  if (backup) await pick(page, 'Backup', backup);
  await drawer.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`${name} was added to the team`).waitFor({ timeout: T });
}

function card(page, name) {
  return page.getByTestId('member-card').filter({ has: page.getByTestId('member-name').getByText(name, { exact: true }) });
}

test('onboarding, two members with a backup, Bahasa Indonesia, and a restart keep everything', async (t) => {
  const dataDir = tmpDataDir();
  let app = await startApp({ dataDir });
  let browser = await openBrowser();
  try {
    const page = browser.page;
    await page.goto(app.url);
    await onboard(page, { workspace: 'Kopi Nusantara', name: 'Sari' });
    await card(page, 'Sari').getByText('You').waitFor();

    await addMember(page, { name: 'Ana', role: 'Content creator' });
    await addMember(page, { name: 'Budi', role: 'Copywriter', backup: 'Ana' });
    await card(page, 'Budi').getByText('Backup: Ana').waitFor();
    await card(page, 'Ana').getByText('Content creator').waitFor();

    // The backend holds what the window showed.
    const members = await cliJSON(dataDir, 'member', 'list', '--json');
    const ana = members.find((m) => m.name === 'Ana');
    const budi = members.find((m) => m.name === 'Budi');
    assert.deepEqual(ana.roles, ['content_creator']);
    assert.equal(budi.backupId, ana.id);

    await page.getByRole('link', { name: 'Settings' }).or(page.getByText('Settings', { exact: true })).first().click();
    // The About box tells the same build apart as `postdeck version` does.
    const version = await cliJSON(dataDir, 'version', '--json');
    const about = page.getByRole('table', { name: 'About' });
    for (const [label, value] of [['Version', version.version], ['Commit', version.commit], ['Built on', version.buildDate],
      ['Go version', version.goVersion], ['SQLite version', version.sqliteVersion]]) {
      await about.getByRole('row', { name: `${label} ${value}`, exact: true }).waitFor({ timeout: T });
    }
    assert.match(version.sqliteVersion, /^3\.\d+\.\d+$/);
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByRole('heading', { name: 'Pengaturan' }).waitFor({ timeout: T });
    await page.getByRole('table', { name: 'Tentang' }).getByRole('row', { name: `Versi SQLite ${version.sqliteVersion}`, exact: true })
      .waitFor({ timeout: T });

    // Restart the app process on the same data dir, with a fresh browser.
    await browser.close();
    await app.stop();
    app = await startApp({ dataDir });
    browser = await openBrowser();
    const again = browser.page;
    await again.goto(`${app.url}#/calendar`);
    await again.getByRole('heading', { name: 'Kalender konten' }).waitFor({ timeout: T });
    await again.getByText('Tim', { exact: true }).first().click();
    await again.getByRole('heading', { name: 'Tim', exact: true }).waitFor({ timeout: T });
    await card(again, 'Ana').waitFor();
    await card(again, 'Budi').getByText('Cadangan: Ana').waitFor();
    await card(again, 'Ana').getByText('Pembuat konten').waitFor();
    assert.equal(await again.locator('html').getAttribute('lang'), 'id');
  } catch (err) {
    await saveFailureArtifacts(browser?.page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('a member with an empty name gets the translated error and nothing is saved; CLI changes show up live', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir });
  const browser = await openBrowser();
  try {
    const page = browser.page;
    await page.goto(app.url);
    await onboard(page, { workspace: 'Toko Batik', name: 'Sari' });

    await page.getByRole('button', { name: 'Add member' }).first().click();
    const drawer = page.getByRole('dialog');
    await pick(page, 'Roles', 'Copywriter', { multi: true });
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.getByText('Please enter a name.').waitFor({ timeout: T });
    await drawer.getByRole('button', { name: 'Cancel' }).click();

    // The same mistake in Bahasa Indonesia reads in Bahasa Indonesia.
    await page.getByText('Settings', { exact: true }).first().click();
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByText('Tim', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Tambah anggota' }).first().click();
    const laci = page.getByRole('dialog');
    await pick(page, 'Peran', 'Copywriter', { multi: true });
    await laci.getByRole('button', { name: 'Simpan' }).click();
    await laci.getByText('Silakan isi nama.').waitFor({ timeout: T });
    await laci.getByRole('button', { name: 'Batal' }).click();

    const members = await cliJSON(dataDir, 'member', 'list', '--json');
    assert.deepEqual(members.map((m) => m.name), ['Sari'], 'a refused member must not be saved');
    assert.equal(await page.getByTestId('member-card').count(), 1);

    // A change made outside the window (the command line, later a sync)
    // appears without a reload.
    await cliJSON(dataDir, 'member', 'add', '--name', 'Dewi', '--role', 'video_editor', '--json');
    await card(page, 'Dewi').getByText('Editor video').waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(browser.page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
