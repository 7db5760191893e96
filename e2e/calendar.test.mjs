// End-to-end: the content calendar, in Chromium against the real backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, until } from './harness.mjs';
import { editorText, typeInEditor } from './editor.mjs';

const T = 20_000;

function ymd(d) {
  return d.toISOString().slice(0, 10);
}

test('campaign, a post with a text per channel, review, refusal, approval, drag to another day, palette search, restart', async (t) => {
  const dataDir = tmpDataDir();
  let app = await startApp({ dataDir, name: 'calendar' });
  let browser = await openBrowser();
  let page = browser.page;
  const scripts = [];
  page.on('dialog', (d) => {
    scripts.push(d.message());
    void d.dismiss();
  });
  try {
    await page.goto(`${app.url}#/calendar`);
    await page.getByLabel('Workspace name').fill('Kopi Nusantara');
    await page.getByLabel('Your name').fill('Sari');
    await page.getByRole('button', { name: 'Start using Postdeck' }).click();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });

    // A teammate and two channels arrive from the command line, live.
    const ana = await cliJSON(dataDir, 'member', 'add', '--name', 'Ana', '--role', 'content_creator', '--json');
    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    const x = await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
    const sari = (await cliJSON(dataDir, 'member', 'list', '--json')).find((m) => m.name === 'Sari');

    // A campaign this month, from the Channels & campaigns screen.
    const today = new Date();
    const month = ymd(today).slice(0, 7);
    await page.getByText('Channels & campaigns').click();
    await page.getByRole('cell', { name: '@kopinus' }).waitFor({ timeout: T });
    await page.getByLabel('Name', { exact: true }).fill('Promo Akhir Tahun');
    await page.getByLabel('Starts').fill(`${month}-10`);
    await page.getByLabel('Ends').fill(`${month}-20`);
    await page.getByRole('button', { name: 'Add campaign' }).click();
    await page.getByText('Campaign Promo Akhir Tahun added').waitFor({ timeout: T });

    // A post for both channels, with its own text on X.
    await page.getByText('Calendar', { exact: true }).first().click();
    await page.getByRole('button', { name: 'New post' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByLabel('Title').fill('Promo kopi susu');
    await editor.getByRole('combobox', { name: 'Channels' }).click();
    await page.getByRole('option', { name: 'Instagram @kopi' }).click();
    await page.getByRole('option', { name: 'X @kopinus' }).click();
    await page.keyboard.press('Escape');
    await typeInEditor(editor.getByLabel('Text', { exact: true }), 'Diskon 20% untuk semua kopi susu hari ini!');
    await editor.getByRole('switch', { name: 'Own text for X @kopinus' }).check({ force: true });
    await typeInEditor(editor.getByRole('textbox', { name: 'Own text for X @kopinus' }), 'Kopi susu -20% hari ini ☕');
    await editor.getByLabel('Date').fill(`${month}-12`);
    await editor.getByLabel('Time').fill('09:30');
    await editor.getByRole('combobox', { name: 'Campaign' }).click();
    await page.getByRole('option', { name: 'Promo Akhir Tahun' }).click();
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('"Promo kopi susu" was added').waitFor({ timeout: T });

    let [post] = await cliJSON(dataDir, 'post', 'list', '--json');
    assert.equal(post.title, 'Promo kopi susu');
    assert.deepEqual(post.channels.sort(), [ig.id, x.id].sort());
    assert.equal(post.body, 'Diskon 20% untuk semua kopi susu hari ini!');
    assert.deepEqual(post.variants, { [x.id]: 'Kopi susu -20% hari ini ☕' });
    assert.equal(post.status, 'draft');

    // Submit for review.
    await editor.getByRole('button', { name: 'Submit for review' }).click();
    await editor.getByTestId('post-status').getByText('In review').waitFor({ timeout: T });

    // Ana, a content creator, may not approve.
    await cliJSON(dataDir, 'me', 'set', ana.id, '--json');
    await page.reload();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
    await page.locator('.fc-event', { hasText: 'Promo kopi susu' }).first().click();
    // Approve is disabled for her, with the reason on hover (the backend refuses it anyway).
    const approve = page.getByRole('dialog').getByRole('button', { name: 'Approve' });
    await approve.hover();
    await page.getByRole('tooltip').getByText('Only members whose roles approve posts').waitFor({ timeout: T });
    assert.equal(await approve.getAttribute('aria-disabled'), 'true');
    await approve.click({ force: true });
    assert.equal((await cliJSON(dataDir, 'post', 'show', post.id, '--json')).status, 'in_review');

    // Sari approves.
    await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
    await page.reload();
    await page.locator('.fc-event', { hasText: 'Promo kopi susu' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    // The example guide requires #KopiNusantara: a warning on each channel, acknowledged to approve.
    const ack = page.getByRole('dialog', { name: 'Approve despite these warnings?' });
    await ack.getByText('X @kopinus: Add the required hashtag #KopiNusantara.').waitFor({ timeout: T });
    await ack.getByRole('button', { name: 'Approve anyway' }).click();
    await page.getByRole('dialog').getByTestId('post-status').getByText('Approved').waitFor({ timeout: T });
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

    // Drag it from the 12th to the 15th.
    const ev = page.locator('.fc-event', { hasText: 'Promo kopi susu' }).first();
    const target = page.locator(`td.fc-daygrid-day[data-date="${month}-15"]`);
    const from = await ev.boundingBox();
    const to = await target.boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * i) / 10, from.y + ((to.y + to.height / 2 - from.y) * i) / 10);
    }
    await page.mouse.up();
    // Days in messages are written the language's way ("Mon, 15 Mar 2027").
    const day15 = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T00:00:00Z`));
    await page.getByText(`"Promo kopi susu" moved to ${day15}`).waitFor({ timeout: T });
    post = await cliJSON(dataDir, 'post', 'show', post.id, '--json');
    assert.equal(post.date, `${month}-15`);
    assert.equal(post.time, '09:30', 'moving keeps the time');
    assert.equal(post.status, 'approved', 'moving does not touch the approved text');

    // The command palette finds it by a word of its text.
    await page.keyboard.press('Control+K');
    await page.getByPlaceholder('Search posts or type a command…').fill('semua');
    await page.getByRole('button', { name: /Promo kopi susu/ }).click();
    await page.getByRole('dialog').getByLabel('Title').waitFor({ timeout: T });
    assert.equal(await page.getByRole('dialog').getByLabel('Title').inputValue(), 'Promo kopi susu');

    // Restart: everything is there.
    await browser.close();
    await app.stop();
    app = await startApp({ dataDir, name: 'calendar-restart' });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${app.url}#/calendar`);
    await page.locator(`td.fc-daygrid-day[data-date="${month}-15"] .fc-event`, { hasText: 'Promo kopi susu' }).waitFor({ timeout: T });
    await page.locator('.fc-event', { hasText: 'Promo kopi susu' }).first().click();
    const again = page.getByRole('dialog');
    await again.getByTestId('post-status').getByText('Approved').waitFor({ timeout: T });
    await until(async () => (await editorText(again.getByRole('textbox', { name: 'Own text for X @kopinus' }))) === 'Kopi susu -20% hari ini ☕', T);
    // The campaign's name shows once the campaigns have loaded.
    const campaign = again.getByRole('combobox', { name: 'Campaign' });
    for (let end = Date.now() + T; (await campaign.inputValue()) !== 'Promo Akhir Tahun' && Date.now() < end; ) await page.waitForTimeout(200);
    assert.equal(await campaign.inputValue(), 'Promo Akhir Tahun');
    assert.deepEqual(scripts, []);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('post text with HTML or a script tag is shown as text everywhere and never runs', async (t) => {
  const dataDir = tmpDataDir();
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const sari = await cliJSON(dataDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
  const ch = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
  const month = ymd(new Date()).slice(0, 7);
  const post = await cliJSON(dataDir, 'post', 'add', '--title', evil, '--text', evil, '--channel', ch.id, '--date', `${month}-14`, '--json');
  await cliJSON(dataDir, 'post', 'add', '--title', `idea ${evil}`, '--json');
  const app = await startApp({ dataDir, name: 'xss' });
  const browser = await openBrowser();
  const page = browser.page;
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await page.goto(`${app.url}#/calendar`);
    await page.evaluate(() => window.go.api.Workspace.Update('Toko', 'Asia/Jakarta'));
    await page.reload();
    // Month view, backlog and list view show the markup as plain text.
    await page.locator('.fc-event', { hasText: '<img src=x' }).first().waitFor({ timeout: T });
    await page.getByTestId('backlog').getByText(`idea ${evil}`).waitFor({ timeout: T });
    await page.getByRole('button', { name: 'list' }).click();
    const inList = page.getByTestId('calendar').getByText(evil, { exact: true });
    await inList.waitFor({ timeout: T });
    await inList.click();
    const editor = page.getByRole('dialog');
    assert.equal(await editor.getByLabel('Title').inputValue(), evil);
    await editor.getByPlaceholder('Write a comment').fill(evil);
    await editor.getByRole('button', { name: 'Send' }).click();
    await editor.getByText(evil, { exact: true }).last().waitFor({ timeout: T });
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no image element was made from post text');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from post text ran');
    assert.deepEqual(dialogs, []);
    assert.equal((await cliJSON(dataDir, 'post', 'show', post.id, '--json')).comments[0].body, evil);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
