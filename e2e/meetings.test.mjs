// End-to-end: a weekly check-in held in the window; a member's check-in,
// an action item that becomes that member's task, the next week opening
// with it, the notes as Markdown, and the same screens in Bahasa Indonesia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, artifactsDir } from './harness.mjs';

const T = 20_000;

test('hold a weekly check-in: a member check-in and an action item that becomes their task and opens the next week (English and Indonesian)', async () => {
  const dataDir = tmpDataDir();
  const sari = await cliJSON(dataDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  const ana = await cliJSON(dataDir, 'member', 'add', '--name', 'Ana', '--role', 'content_creator', '--json');
  await cliJSON(dataDir, 'me', 'set', sari.id, '--json');

  // A Monday two weeks from now, and the Monday after it.
  const first = new Date();
  first.setUTCDate(first.getUTCDate() + 14);
  while (first.getUTCDay() !== 1) first.setUTCDate(first.getUTCDate() + 1);
  const day = (n) => new Date(first.getTime() + n * 7 * 86400000).toISOString().slice(0, 10);

  const app = await startApp({ dataDir, name: 'meetings' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(`${app.url}#/calendar`);
    await page.evaluate(() => window.go.api.Workspace.Update('Kopi Nusantara', 'Asia/Jakarta'));
    await page.reload();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });

    // No meetings yet: the page says what to do.
    await page.getByRole('link', { name: 'Meetings' }).or(page.getByText('Meetings', { exact: true })).first().click();
    await page.getByTestId('meetings-empty').getByText('No meetings yet').waitFor({ timeout: T });

    // A new weekly check-in: every member attends, it repeats weekly.
    await page.getByTestId('meeting-new').click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Date', { exact: true }).fill(day(0));
    await form.getByLabel('Time', { exact: true }).fill('09:30');
    assert.equal(await form.getByLabel('Repeat every week').isChecked(), true);
    await form.getByTestId('meeting-save').click();

    // The meeting day opens: nothing to review yet, a check-in card for each member.
    const view = page.getByTestId('meeting-view');
    await view.getByRole('heading', { name: 'Weekly check-in' }).waitFor({ timeout: T });
    await view.getByText('This is the first meeting, so there is nothing to review yet.').waitFor({ timeout: T });
    const anaCard = view.locator(`[data-testid="checkin-card"][data-member="${ana.id}"]`);
    await anaCard.getByLabel('Wins').fill('Reel reached 40k views');
    await anaCard.getByLabel('Where I need help').fill('Captions in English');
    await anaCard.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText("Ana's check-in is saved.").waitFor({ timeout: T });

    // An action item for Ana, due by default on the next meeting.
    await view.getByTestId('action-title').fill('Draft the Ramadan plan');
    await view.getByTestId('action-assignee').click();
    await page.getByRole('option', { name: 'Ana' }).click();
    await view.getByTestId('action-add').click();
    await view.getByTestId('action-table').getByRole('row', { name: /Draft the Ramadan plan/ }).waitFor({ timeout: T });

    const [meeting] = await cliJSON(dataDir, 'meeting', 'list', '--json');
    const held = await cliJSON(dataDir, 'meeting', 'show', meeting.id, '--date', day(0), '--json');
    assert.equal(held.checkIns.find((c) => c.memberId === ana.id).wins, 'Reel reached 40k views');
    assert.equal(held.actions.length, 1);
    assert.equal(held.actions[0].assigneeId, ana.id);
    assert.equal(held.actions[0].due, day(1), 'due on the next meeting');

    // It is Ana's task: on Ana's computer it is in her My work, among the meetings' action items.
    const tasks = await cliJSON(dataDir, 'task', 'list', '--assignee', ana.id, '--json');
    assert.ok(tasks.some((t) => t.title === 'Draft the Ramadan plan' && t.due === day(1)), JSON.stringify(tasks));
    const meetingURL = page.url();
    await page.evaluate((id) => window.go.api.Workspace.SetMe(id), ana.id);
    await page.goto(`${app.url}#/my-work`);
    await page.reload();
    const mine = page.getByTestId('mywork-waiting');
    await mine.getByText('Action items from meetings').waitFor({ timeout: T });
    await mine.getByText('Draft the Ramadan plan').waitFor({ timeout: T });
    // Sari's My work does not have it.
    await page.evaluate((id) => window.go.api.Workspace.SetMe(id), sari.id);
    await page.reload();
    await page.getByRole('heading', { name: 'My work' }).waitFor({ timeout: T });
    await page.getByText('Draft the Ramadan plan').waitFor({ state: 'detached', timeout: T });
    await page.goto(meetingURL);

    // The week after opens with it and its state.
    await view.getByRole('button', { name: 'Week after' }).click();
    const prev = page.getByTestId('previous-actions');
    await prev.getByRole('row', { name: /Draft the Ramadan plan.*Ana.*To do/ }).waitFor({ timeout: T });

    // The notes as Markdown, for people without Postdeck.
    await view.getByRole('button', { name: 'Week before' }).click();
    await view.getByTestId('export-notes').click();
    const md = await page.getByTestId('notes-markdown').inputValue();
    assert.match(md, /^# Weekly check-in/);
    assert.match(md, /Reel reached 40k views/);
    assert.match(md, /- \[ \] Draft the Ramadan plan — Ana/);
    await page.keyboard.press('Escape');

    // On the calendar every week of the check-in is shown beside the posts,
    // a switch hides them, and a click opens that week.
    await page.goto(`${app.url}#/calendar?date=${day(1)}`);
    const week2 = page.locator(`[data-date="${day(1)}"] .fc-event`, { hasText: 'Weekly check-in' });
    await week2.waitFor({ timeout: T });
    const layer = page.getByRole('switch', { name: 'Show meetings on the calendar' });
    await layer.uncheck();
    await week2.waitFor({ state: 'detached', timeout: T });
    await layer.check();
    await week2.click();
    await page.getByTestId('previous-actions').getByRole('row', { name: /Draft the Ramadan plan/ }).waitFor({ timeout: T });

    // The same screens in Bahasa Indonesia.
    await page.evaluate(() => window.go.api.Workspace.SetLanguage('id'));
    await page.goto(`${app.url}#/meetings`);
    await page.reload();
    await page.getByRole('heading', { name: 'Rapat' }).waitFor({ timeout: T });
    await page.getByTestId('meetings-list').getByText('Pekanan', { exact: true }).waitFor({ timeout: T });
    await page.goto(`${app.url}#/meetings/${meeting.id}?date=${day(1)}`);
    const tampilan = page.getByTestId('meeting-view');
    await tampilan.getByText(/Tindak lanjut dari rapat sebelumnya/).waitFor({ timeout: T });
    await page.getByTestId('previous-actions').getByRole('row', { name: /Draft the Ramadan plan.*Ana.*Akan dikerjakan/ }).waitFor({ timeout: T });
    await tampilan.getByText('Keberhasilan').first().waitFor({ timeout: T });
    await tampilan.getByRole('button', { name: 'Tambah tindak lanjut' }).waitFor({ timeout: T });
    // Bad input in Indonesian: an action item without anyone to do it.
    await tampilan.getByTestId('action-title').fill('Tanpa penanggung jawab');
    await tampilan.getByTestId('action-add').click();
    await tampilan.getByText('Pilih siapa yang mengerjakan tindak lanjut ini.').waitFor({ timeout: T });
    await page.screenshot({ path: path.join(artifactsDir, 'meetings-id.png'), fullPage: true });
    const after = await cliJSON(dataDir, 'meeting', 'show', meeting.id, '--date', day(1), '--json');
    assert.equal(after.actions.length, 0, 'the refused action item wrote nothing');

    // Deleting the meeting asks first (Escape keeps it, Enter deletes it);
    // its action items stay tasks.
    await tampilan.getByRole('button', { name: 'Hapus rapat' }).click();
    const tanya = page.getByRole('alertdialog');
    await tanya.getByText('Hapus "Weekly check-in"?', { exact: false }).waitFor({ timeout: T });
    await page.keyboard.press('Escape');
    await tanya.waitFor({ state: 'hidden', timeout: T });
    assert.equal((await cliJSON(dataDir, 'meeting', 'list', '--json')).length, 1);
    await tampilan.getByRole('button', { name: 'Hapus rapat' }).click();
    await tanya.getByRole('button', { name: 'Ya, hapus' }).waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    await page.getByText('"Weekly check-in" dihapus.').waitFor({ timeout: T });
    await page.getByRole('heading', { name: 'Rapat' }).waitFor({ timeout: T });
    assert.equal((await cliJSON(dataDir, 'meeting', 'list', '--json')).length, 0);
    const left = await cliJSON(dataDir, 'task', 'list', '--assignee', ana.id, '--json');
    assert.ok(left.some((x) => x.title === 'Draft the Ramadan plan'), 'the action item stays a task');
  } catch (err) {
    await saveFailureArtifacts(page, 'meetings');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
