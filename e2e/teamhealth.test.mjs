// End-to-end: a member is marked absent in the window; their open work (a
// task, posts they own, a post waiting for their approval) is offered for
// hand-over to their backup; one action hands it over; the team's health
// shows the backup's new load. The same screens once in Bahasa Indonesia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 20_000;

test('mark a member absent, hand their work to the backup, team health reflects it (English and Indonesian)', async (t) => {
  const dataDir = tmpDataDir();
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  // Sari manages; Ana approves posts and is away; her backup Budi may approve too, and has one hour a week.
  const sari = await cliJSON(dataDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--capacity', '40', '--json');
  const budi = await cliJSON(dataDir, 'member', 'add', '--name', 'Budi', '--role', 'head_of_social', '--capacity', '1', '--backup', sari.id, '--json');
  const ana = await cliJSON(dataDir, 'member', 'add', '--name', 'Ana', '--role', 'brand_manager', '--capacity', '40', '--backup', budi.id, '--json');
  await cliJSON(dataDir, 'member', 'update', sari.id, '--backup', budi.id, '--json');
  await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
  await cliJSON(dataDir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Etc/UTC', '--json');
  const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--owner', sari.id, '--json');
  const add = (...a) => cliJSON(dataDir, 'post', 'add', '--channel', ig.id, '--text', 'Teks', '--date', today, '--json', ...a);
  const toApprove = await add('--title', 'Promo Ramadan', '--owner', sari.id, '--approver', ana.id, '--as', sari.id);
  await cliJSON(dataDir, 'post', 'move', toApprove.id, '--status', 'in_review', '--as', sari.id, '--json');
  const owned1 = await add('--title', 'Draf Ana satu', '--owner', ana.id, '--as', ana.id);
  await add('--title', 'Draf Ana dua', '--owner', ana.id, '--as', ana.id);
  const task = await cliJSON(dataDir, 'task', 'add', '--title', 'Rekam video reel', '--assignee', ana.id, '--due', today, '--estimate', '1', '--as', sari.id, '--json');

  const app = await startApp({ dataDir, name: 'teamhealth' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    // Before: every goal is fine, so the sidebar shows no badge.
    await page.goto(`${app.url}#/health`);
    await page.getByRole('heading', { name: 'Team health', exact: true }).waitFor({ timeout: T });
    await until(async () => (await page.getByTestId('health-workload').getAttribute('data-state')) === 'ok');
    for (const id of ['workload', 'coverage', 'responsibility', 'moderation', 'backups']) {
      assert.equal(await page.getByTestId(`health-${id}`).getAttribute('data-state'), 'ok', `${id} before`);
    }
    assert.equal(await page.getByTestId('health-badge').count(), 0);

    // Mark Ana absent on the Team page.
    await page.goto(`${app.url}#/team`);
    const panel = page.getByTestId('absences-panel');
    await panel.waitFor({ timeout: T });
    await panel.getByLabel('Who is away').click();
    await page.getByRole('option', { name: 'Ana' }).click();
    await panel.getByLabel('First day away').fill(today);
    await panel.getByLabel('Last day away').fill(inDays(4));
    await panel.getByRole('button', { name: 'Add absence' }).click();

    // The hand-over opens: the approval and Ana's posts go to Budi.
    const dialog = page.getByRole('dialog', { name: "Hand over Ana's work" });
    await dialog.waitFor({ timeout: T });
    const items = dialog.getByTestId('handover-item');
    await until(async () => (await items.count()) === 4);
    for (const title of ['Rekam video reel', 'Promo Ramadan', 'Draf Ana satu', 'Draf Ana dua']) {
      const row = items.filter({ hasText: title });
      assert.equal(await row.getAttribute('data-state'), 'pending', title);
      assert.match(await row.innerText(), /Budi/, `${title} goes to Budi`);
    }
    assert.match(await items.filter({ hasText: 'Promo Ramadan' }).innerText(), /approval/i);
    assert.match(await items.filter({ hasText: 'Rekam video reel' }).innerText(), /task/i);
    await dialog.getByRole('button', { name: 'Hand over 4 items to Budi' }).click();
    await page.getByText('Work handed over', { exact: true }).waitFor({ timeout: T });
    await page.getByText("4 items of Ana's went to Budi.").waitFor({ timeout: T });
    await until(async () => (await dialog.locator('[data-state="handed_over"]').count()) === 4);
    assert.ok(await dialog.getByRole('button', { name: /Hand over 0 items/ }).isDisabled());
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByTestId('member-card').filter({ hasText: 'Ana' }).getByTestId('member-away').getByText(/^Away until /).waitFor({ timeout: T });

    // Each post's history says who took it over.
    const shown = await cliJSON(dataDir, 'post', 'show', owned1.id, '--json');
    assert.equal(shown.ownerId, budi.id);
    assert.equal(shown.history.at(-1).note, `handover:owner:${ana.id}:${budi.id}`);
    const approval = await cliJSON(dataDir, 'post', 'show', toApprove.id, '--json');
    assert.equal(approval.approverId, budi.id);
    const taskNow = await cliJSON(dataDir, 'task', 'show', task.id, '--json');
    assert.equal(taskNow.assigneeId, budi.id);
    const entry = taskNow.history.at(-1);
    assert.deepEqual([entry.kind, entry.from, entry.to, entry.memberId], ['handover', ana.id, budi.id, sari.id]);

    // Budi now has two hours of posts and an hour of task this week with one hour to give: team health says so.
    await page.getByTestId('workload-panel').locator('[data-over="true"]').first().waitFor({ timeout: T });
    await page.getByTestId('health-badge').waitFor({ timeout: T });
    await page.goto(`${app.url}#/health`);
    const workload = page.getByTestId('health-workload');
    await until(async () => (await workload.getAttribute('data-state')) === 'problem');
    await workload.getByText(/^Budi: 3 of 1 hours in the week of/).waitFor({ timeout: T });

    // The calendar shows Ana away.
    await page.goto(`${app.url}#/calendar`);
    await page.getByText('Ana away (Vacation)').first().waitFor({ timeout: T });

    // The same screens in Bahasa Indonesia.
    await page.evaluate(() => window.go.api.Workspace.SetLanguage('id'));
    await page.goto(`${app.url}#/team`);
    await page.reload();
    const panelId = page.getByTestId('absences-panel');
    await panelId.getByRole('heading', { name: 'Ketidakhadiran' }).waitFor({ timeout: T });
    await panelId.getByTestId('absence-row').getByText('Cuti').waitFor({ timeout: T });
    await panelId.getByRole('button', { name: 'Serahkan', exact: true }).click();
    const dialogId = page.getByRole('dialog', { name: 'Serahkan pekerjaan Ana' });
    await dialogId.waitFor({ timeout: T });
    await until(async () => (await dialogId.getByText('Sudah diserahkan', { exact: false }).count()) === 4);
    await dialogId.getByText('Persetujuan').first().waitFor({ timeout: T });
    await dialogId.getByRole('button', { name: 'Tutup' }).last().click();
    await page.getByTestId('workload-panel').getByRole('heading', { name: 'Beban kerja' }).waitFor({ timeout: T });
    await page.goto(`${app.url}#/health`);
    await page.getByRole('heading', { name: 'Kesehatan tim', exact: true }).waitFor({ timeout: T });
    await page.getByTestId('health-workload').getByText('Perlu tindakan').waitFor({ timeout: T });
    await page.getByTestId('health-workload').getByText(/^Budi: 3 dari 1 jam di pekan/).waitFor({ timeout: T });
    await page.getByTestId('health-backups').getByText('Baik').waitFor({ timeout: T });
    await page.goto(`${app.url}#/calendar`);
    await page.getByText('Ana tidak hadir (Cuti)').first().waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
