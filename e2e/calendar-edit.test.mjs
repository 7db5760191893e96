// End-to-end: editing channels and campaigns in place, deletes that ask first,
// workflow buttons a member may not use, the year plan opening a campaign on
// its first day, and the post editor beside the calendar (1280x820).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cliJSON, cliResult, saveFailureArtifacts, onboard, until, artifactsDir } from './harness.mjs';
import { typeInEditor } from './editor.mjs';

const T = 20_000;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const visible = async (locator, height) => {
  const b = await locator.boundingBox();
  return b !== null && b.y >= 0 && b.y + b.height <= height;
};

test('channels and campaigns edited in place, deletes confirmed, buttons a member may not use disabled with the reason, year plan, editor beside the calendar', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'calendar-edit' });
  const browser = await openBrowser();
  const page = browser.page;
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await page.setViewportSize({ width: 1280, height: 820 });
    await onboard(page, app.url);
    const ana = await cliJSON(dataDir, 'member', 'add', '--name', 'Ana', '--role', 'content_creator', '--json');
    const sari = (await cliJSON(dataDir, 'member', 'list', '--json')).find((m) => m.name === 'Sari');
    await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
    const x = await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    await cliJSON(dataDir, 'channel', 'add', '--network', 'tiktok', '--handle', '@lama', '--json');
    assert.equal(new Set([x.color, ig.color]).size, 2, 'channels get distinct colours');

    // A campaign in a month other than this one (December, or January in December).
    const now = new Date();
    const year = now.getUTCFullYear();
    const month = now.getUTCMonth() === 11 ? 0 : 11;
    const mm = String(month + 1).padStart(2, '0');
    const camp = await cliJSON(dataDir, 'campaign', 'add', '--name', 'Promo', '--from', `${year}-${mm}-10`, '--to', `${year}-${mm}-20`, '--json');

    // Channels: edit in place; the id stays.
    await page.getByText('Channels & campaigns').click();
    await page.getByRole('cell', { name: '@kopinus', exact: true }).waitFor({ timeout: T });
    await page.getByRole('row').filter({ hasText: '@kopinus' }).getByRole('button', { name: 'Edit' }).click();
    const row = page.getByTestId(`channel-edit-${x.id}`);
    await row.getByRole('textbox', { name: 'Account' }).fill('@kopinusantara');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Channel @kopinusantara saved').waitFor({ timeout: T });
    let chans = await cliJSON(dataDir, 'channel', 'list', '--json');
    assert.equal(chans.find((c) => c.id === x.id).handle, '@kopinusantara');

    // A delete asks first; Cancel keeps the channel.
    await page.getByRole('row').filter({ hasText: '@lama' }).getByRole('button', { name: 'Delete' }).click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText('Delete the channel TikTok @lama?').waitFor({ timeout: T });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await cliJSON(dataDir, 'channel', 'list', '--json')).length, 3);
    await page.getByRole('row').filter({ hasText: '@lama' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('cell', { name: '@lama', exact: true }).waitFor({ state: 'detached', timeout: T });
    chans = await cliJSON(dataDir, 'channel', 'list', '--json');
    assert.deepEqual(chans.map((c) => c.handle).sort(), ['@kopi', '@kopinusantara']);

    // Campaigns: edit in place.
    await page.getByRole('row').filter({ hasText: 'Promo' }).getByRole('button', { name: 'Edit' }).click();
    const crow = page.getByTestId(`campaign-edit-${camp.id}`);
    await crow.getByRole('textbox', { name: 'Name' }).fill('Promo Akhir Tahun');
    await crow.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Campaign Promo Akhir Tahun saved').waitFor({ timeout: T });
    assert.equal((await cliJSON(dataDir, 'campaign', 'list', '--json'))[0].name, 'Promo Akhir Tahun');

    // The year plan opens the campaign on its first day, not on this month.
    await page.getByText('Year plan', { exact: true }).first().click();
    await page.getByTestId(`bar-${camp.id}`).click();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
    const title = new Date(Date.UTC(year, month, 10)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    await until(async () => (await page.locator('.fc-toolbar-title').textContent()) === title, T);
    assert.equal(await page.getByTestId('calendar-filters').getByRole('combobox', { name: 'Campaign' }).inputValue(), 'Promo Akhir Tahun');

    // Back to this month, no filter: a new post, beside the calendar.
    await page.getByText('Calendar', { exact: true }).first().click();
    await page.getByRole('button', { name: 'New post' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByLabel('Title').waitFor({ timeout: T });
    const cal = await page.getByTestId('calendar').boundingBox();
    let panel = await editor.boundingBox();
    assert.ok(cal.x + cal.width <= panel.x, `the editor does not cover the calendar (${cal.x + cal.width} > ${panel.x})`);
    // The month narrows a moment after the editor appears.
    const sundayFits = async () => {
      const sunday = await page.locator('.fc-col-header-cell.fc-day-sun').boundingBox();
      return sunday.x + sunday.width <= panel.x;
    };
    await until(sundayFits);

    // A long text: Save and Close stay in view.
    await editor.getByLabel('Title').fill('Peluncuran kopi baru');
    await editor.getByRole('combobox', { name: 'Channels' }).click();
    await page.getByRole('option', { name: 'X @kopinusantara' }).click();
    await page.keyboard.press('Escape');
    const long = Array.from({ length: 30 }, (_, i) => `Baris ${i + 1}: kopi susu gula aren.`).join('\n');
    await typeInEditor(editor.getByLabel('Text', { exact: true }), long);
    await editor.getByLabel('Date').fill(`${now.toISOString().slice(0, 7)}-15`);
    assert.ok(await visible(editor.getByRole('button', { name: 'Save', exact: true }), 820), 'Save is in view with a long text');
    assert.ok(await visible(editor.getByRole('button', { name: 'Close', exact: true }), 820), 'Close is in view with a long text');

    // Attaching to the new post saves it first.
    await editor.getByTestId('attachments').locator('input[type=file]').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('"Peluncuran kopi baru" was added').waitFor({ timeout: T });
    await page.getByText('foto.png attached').waitFor({ timeout: T });
    await editor.getByTestId('attachments').getByRole('img', { name: 'foto.png' }).waitFor({ timeout: T });
    const posts = await cliJSON(dataDir, 'post', 'list', '--json');
    assert.equal(posts.length, 1, 'one post, saved once');
    const post = posts[0];
    assert.equal(post.body, long);

    // Over X's limit: Submit is disabled and says which channel and by how much.
    const submit = editor.getByRole('button', { name: 'Submit for review' });
    await until(async () => (await submit.getAttribute('aria-disabled')) === 'true', T);
    await submit.hover();
    await page.getByRole('tooltip').getByText(`The text for X @kopinusantara is ${[...long].length} characters`).waitFor({ timeout: T });
    const refused = await cliResult(dataDir, 'post', 'move', post.id, '--status', 'in_review', '--as', sari.id);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /post\.over_limit/);

    await page.screenshot({ path: path.join(artifactsDir, 'editor-beside-calendar.png') });

    // Its own, shorter text on X: saved, it can be submitted.
    await editor.getByRole('switch', { name: 'Own text for X @kopinusantara' }).check({ force: true });
    await typeInEditor(editor.getByRole('textbox', { name: 'Own text for X @kopinusantara' }), 'Kopi baru, gula aren ☕');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved').first().waitFor({ timeout: T });
    await until(async () => (await submit.getAttribute('aria-disabled')) === null, T);
    await submit.click();
    await editor.getByTestId('post-status').getByText('In review').waitFor({ timeout: T });

    // The editor can be made wider by dragging the handle.
    panel = await editor.boundingBox();
    const handle = await page.getByTestId('editor-resize').boundingBox();
    // The handle runs the page's height; grab it where it is in view (the page may be scrolled).
    const y = Math.max(handle.y, 0) + 300;
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(handle.x - 60, y, { steps: 6 });
    await page.mouse.up();
    await until(async () => (await editor.boundingBox()).width >= panel.width + 50, T);

    // Ana, a content creator, sees Approve disabled with the reason, and a click does nothing.
    await cliJSON(dataDir, 'me', 'set', ana.id, '--json');
    await page.reload();
    await page.locator('.fc-event', { hasText: 'Peluncuran kopi baru' }).first().click();
    const approve = page.getByRole('dialog').getByRole('button', { name: 'Approve' });
    await until(async () => (await approve.getAttribute('aria-disabled')) === 'true', T);
    await approve.hover();
    await page.getByRole('tooltip').getByText('Only members whose roles approve posts').waitFor({ timeout: T });
    await approve.click({ force: true });
    assert.equal(await page.getByTestId('workflow-error').count(), 0);
    assert.equal((await cliJSON(dataDir, 'post', 'show', post.id, '--json')).status, 'in_review');
    assert.equal(await page.getByRole('dialog').getByRole('button', { name: 'Submit for review' }).count(), 0);

    // Nor may she change the team: Add member says why.
    await page.getByText('Team', { exact: true }).first().click();
    const addMember = page.getByRole('button', { name: 'Add member' }).first();
    await until(async () => (await addMember.getAttribute('aria-disabled')) === 'true', T);
    await addMember.hover();
    await page.getByRole('tooltip').getByText('Your roles do not allow changing the team').waitFor({ timeout: T });
    await page.getByText('Calendar', { exact: true }).first().click();

    // In Bahasa Indonesia the reason is translated.
    await page.evaluate(() => window.go.api.Workspace.SetLanguage('id'));
    await page.reload();
    await page.locator('.fc-event', { hasText: 'Peluncuran kopi baru' }).first().click();
    const setujui = page.getByRole('dialog').getByRole('button', { name: 'Setujui' });
    await until(async () => (await setujui.getAttribute('aria-disabled')) === 'true', T);
    await setujui.hover();
    await page.getByRole('tooltip').getByText('Hanya anggota yang perannya menyetujui postingan').waitFor({ timeout: T });
    await page.screenshot({ path: path.join(artifactsDir, 'editor-beside-calendar-id.png') });
    assert.deepEqual(dialogs, []);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
