// End-to-end: the window and a second device (the command line on another
// data folder) share one workspace through a shared folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cli, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 20_000;

test('a teammate\'s change appears without a reload, and a conflict is resolved on the conflicts screen', async (t) => {
  const dataA = tmpDataDir();
  const dataB = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir: dataA, name: 'sync-a' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Welcome to Postdeck' }).waitFor({ timeout: T });
    await page.getByLabel('Workspace name').fill('Kopi Nusantara');
    await page.getByLabel('Your name').fill('Sari');
    await page.getByRole('button', { name: 'Start using Postdeck' }).click();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });

    // Share the workspace through a new folder from the Sync screen.
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByLabel('Shared folder').fill(shared);
    await page.getByRole('button', { name: 'Look in this folder' }).click();
    // This test is about a plain folder; sync-encrypted.test.mjs covers encryption.
    await page.getByRole('checkbox', { name: /Encrypt the shared folder/ }).uncheck();
    await page.getByRole('button', { name: 'Create the team folder here' }).click();
    await page.getByTestId('sync-folder').getByText(shared).waitFor({ timeout: T });

    // A second device joins with the command line and adds a member.
    const joined = await cliJSON(dataB, 'sync', 'join', shared, '--json');
    assert.ok(joined.applied > 0, 'the second device got the workspace');
    const budi = await cliJSON(dataB, 'member', 'add', '--name', 'Budi', '--role', 'copywriter', '--json');
    await cli(dataB, 'sync', '--once');

    // Sari confirms the new computer on the Sync screen; its changes then apply.
    await page.getByText('Sync', { exact: true }).first().click();
    await page.getByTestId('join-request').getByRole('button', { name: 'Confirm' }).click({ timeout: T });
    await page.getByText('Computer confirmed').waitFor({ timeout: T });

    // The open window shows it without a reload.
    await page.getByText('Team', { exact: true }).first().click();
    await page.getByTestId('member-name').getByText('Budi', { exact: true }).waitFor({ timeout: T });

    // Both edit Budi's name at the same time: B offline, A in the window.
    await cli(dataB, 'member', 'update', budi.id, '--name', 'Budi Santoso');
    await page.getByRole('button', { name: 'Edit Budi' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Name', { exact: true }).fill('Budi S.');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Changes to Budi S. were saved').waitFor({ timeout: T });
    // A's background sync sends it; B then syncs and sends its own edit.
    await until(async () => (await cliJSON(dataA, 'sync', 'status', '--json')).outgoing === 0);
    await cli(dataB, 'sync', '--once');

    // The conflict shows on A's conflicts screen with both versions.
    await page.getByText('Sync', { exact: true }).first().click();
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor({ timeout: T });
    const shown = await conflict.getByTestId('conflict-current').innerText();
    const other = await conflict.getByTestId('conflict-other').innerText();
    assert.deepEqual([shown, other].sort(), ['Budi S.', 'Budi Santoso']);
    await conflict.getByRole('button', { name: 'Use the other version' }).click();
    await page.getByTestId('conflicts-empty').waitFor({ timeout: T });

    // The choice reaches the other device and closes the conflict there too.
    await until(async () => (await cliJSON(dataA, 'sync', 'status', '--json')).outgoing === 0);
    await cli(dataB, 'sync', '--once');
    const onB = await cliJSON(dataB, 'member', 'list', '--json');
    assert.equal(onB.find((m) => m.id === budi.id).name, other);
    assert.equal((await cliJSON(dataB, 'sync', 'status', '--json')).conflicts, 0);
    await page.getByText('Team', { exact: true }).first().click();
    await page.getByTestId('member-name').getByText(other, { exact: true }).waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});


test('a new computer joins the team from first run and says who it is', async (t) => {
  const teamDir = tmpDataDir();
  const newDir = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  // The team's first computer, set up from the command line.
  await cli(teamDir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Asia/Jakarta');
  const sari = await cliJSON(teamDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  await cliJSON(teamDir, 'member', 'add', '--name', 'Budi', '--role', 'copywriter', '--json');
  for (let i = 0; i < 30; i++) await cli(teamDir, 'post', 'add', '--title', `Ide ${i}`);
  await cliJSON(teamDir, 'sync', 'connect', shared, '--plain', '--json');

  const app = await startApp({ dataDir: newDir, name: 'join' });
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

    // The whole workspace arrives; the computer asks who it belongs to.
    const who = page.getByRole('dialog', { name: 'Who are you on this computer?' });
    await who.waitFor({ timeout: T });
    await who.getByRole('combobox', { name: 'I am' }).click();
    await page.getByRole('option', { name: 'Sari' }).click();
    await who.getByRole('button', { name: "That's me" }).click();
    await who.waitFor({ state: 'hidden', timeout: T });
    await page.getByTestId('workspace-name').getByText('Kopi Nusantara').waitFor({ timeout: T });
    await page.getByTestId('backlog').getByText('Ide 29').waitFor({ timeout: T });

    const info = await cliJSON(newDir, 'workspace', 'show', '--json');
    assert.equal(info.me, sari.id);
    assert.equal(info.name, 'Kopi Nusantara');
    assert.equal((await cliJSON(newDir, 'member', 'list', '--json')).length, 2, 'joining adds nobody to the team');
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
