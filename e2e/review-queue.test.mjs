// End-to-end: the list as a review queue (channels, status, owner, campaign)
// and "waiting for my approval", in English and in Bahasa Indonesia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 20_000;

/** rowTexts gives the texts of a table row's cells. */
async function rowTexts(row) {
  return (await row.getByRole('cell').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

test('the list shows channels, status, owner and campaign; the approval queue holds what I may approve (English and Indonesian)', async (t) => {
  const dataDir = tmpDataDir();
  const sari = await cliJSON(dataDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  const ana = await cliJSON(dataDir, 'member', 'add', '--name', 'Ana', '--role', 'content_creator', '--json');
  const budi = await cliJSON(dataDir, 'member', 'add', '--name', 'Budi', '--role', 'head_of_social', '--json');
  await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
  const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
  const x = await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
  const month = new Date().toISOString().slice(0, 7);
  const camp = await cliJSON(dataDir, 'campaign', 'add', '--name', 'Ramadan', '--from', `${month}-01`, '--to', `${month}-20`, '--json');
  const add = (...a) => cliJSON(dataDir, 'post', 'add', '--channel', ig.id, '--json', ...a);
  const open = await add('--title', 'Menu buka puasa', '--date', `${month}-05`, '--time', '16:00', '--owner', ana.id, '--campaign', camp.id, '--channel', x.id);
  const forBudi = await add('--title', 'Untuk Budi', '--date', `${month}-06`, '--owner', ana.id, '--approver', budi.id);
  await add('--title', 'Masih draf', '--date', `${month}-07`, '--owner', ana.id);
  for (const p of [open, forBudi]) await cliJSON(dataDir, 'post', 'move', p.id, '--status', 'in_review', '--as', ana.id, '--json');

  const app = await startApp({ dataDir, name: 'review-queue' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(`${app.url}#/calendar`);
    await page.evaluate(() => window.go.api.Workspace.Update('Kopi Nusantara', 'Etc/UTC'));
    await page.reload();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });

    // The list: a table with the columns a reviewer needs.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    const table = page.getByTestId('post-table');
    await table.getByRole('row', { name: /Menu buka puasa/ }).waitFor({ timeout: T });
    assert.deepEqual(await table.getByRole('columnheader').allInnerTexts(), ['When', 'Title', 'Channels', 'Status', 'Owner', 'Campaign']);
    const row = table.getByRole('row', { name: /Menu buka puasa/ });
    const [when, title, channels, status, owner, campaign] = await rowTexts(row);
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-05T00:00:00Z`));
    assert.equal(when.replace(/\s+/g, ' ').trim(), `${day} 16:00`);
    assert.equal(title, 'Menu buka puasa');
    assert.equal(channels, '@kopi @kopinus');
    assert.ok(await row.getByRole('img', { name: 'Instagram' }).isVisible(), 'the Instagram icon shows');
    assert.ok(await row.getByRole('img', { name: 'X' }).isVisible(), 'the X icon shows');
    assert.equal(status.toLowerCase(), 'in review');
    assert.equal(owner, 'Ana');
    assert.equal(campaign, 'Ramadan');

    // "Waiting for my approval" from the command palette: Sari's queue.
    await page.keyboard.press('Control+K');
    await page.getByPlaceholder('Search posts or type a command…').fill('waiting');
    await page.getByRole('dialog').getByRole('button', { name: /Waiting for my approval/ }).click();
    const queue = page.getByTestId('approval-queue');
    await queue.getByRole('row', { name: /Menu buka puasa/ }).waitFor({ timeout: T });
    await until(async () => (await queue.getByRole('row').count()) === 2); // the header and one post
    assert.equal(await queue.getByText('Untuk Budi').count(), 0, 'a post naming another approver waits for them');
    assert.equal(await queue.getByText('Masih draf').count(), 0, 'a draft is not waiting for approval');

    // Approving it from the queue empties the queue.
    await queue.getByRole('row', { name: /Menu buka puasa/ }).click();
    const editor = page.getByRole('dialog');
    await editor.getByRole('button', { name: 'Approve' }).click();
    await editor.getByTestId('post-status').getByText('Approved').waitFor({ timeout: T });
    await queue.getByText('Nothing is waiting for your approval.').waitFor({ timeout: T });
    await editor.getByRole('button', { name: 'Close' }).last().click();

    // Ana may not approve: her queue is empty.
    await cliJSON(dataDir, 'me', 'set', ana.id, '--json');
    await cliJSON(dataDir, 'post', 'move', open.id, '--status', 'in_review', '--as', sari.id, '--json');
    await page.reload();
    await page.getByTestId('approval-queue').getByText('Nothing is waiting for your approval.').waitFor({ timeout: T });

    // In Bahasa Indonesia, as Budi: his post waits for him, and the columns are in Indonesian.
    await cliJSON(dataDir, 'me', 'set', budi.id, '--json');
    await page.evaluate(() => window.go.api.Workspace.SetLanguage('id'));
    await page.goto(`${app.url}#/calendar`);
    await page.reload();
    await page.getByRole('heading', { name: 'Kalender konten' }).waitFor({ timeout: T });
    await page.keyboard.press('Control+K');
    await page.getByPlaceholder(/Cari postingan/).fill('menunggu');
    await page.getByRole('dialog').getByRole('button', { name: /Menunggu persetujuan saya/ }).click();
    const antrian = page.getByTestId('approval-queue');
    await antrian.getByRole('row', { name: /Untuk Budi/ }).waitFor({ timeout: T });
    await antrian.getByRole('row', { name: /Menu buka puasa/ }).waitFor({ timeout: T });
    assert.deepEqual(await antrian.getByRole('columnheader').allInnerTexts(), ['Kapan', 'Judul', 'Saluran', 'Status', 'Pemilik', 'Kampanye']);
    const [, , , statusId] = await rowTexts(antrian.getByRole('row', { name: /Untuk Budi/ }));
    assert.equal(statusId.toLowerCase(), 'ditinjau');
    await page.getByRole('button', { name: 'Kembali ke kalender' }).click();
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.getByTestId('post-table').getByRole('row', { name: /Masih draf/ }).waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
