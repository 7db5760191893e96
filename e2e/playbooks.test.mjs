// End-to-end: applying the built-in product-launch plan (preview, a refusal
// before anything is created, then posts on the calendar and tasks in the
// task board), and running the crisis-management playbook in Bahasa
// Indonesia and ticking an item of its checklist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 20_000;

test('apply the product-launch plan: preview, a past date refused, then posts on the calendar and tasks for each role', async (t) => {
  const dataDir = tmpDataDir();
  await cliJSON(dataDir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Asia/Jakarta', '--json');
  const people = {};
  for (const [name, role] of [['Sari', 'social_media_manager'], ['Ana', 'content_creator'], ['Dewi', 'graphic_designer'],
    ['Rudi', 'community_manager'], ['Tono', 'social_media_analyst']]) {
    people[role] = await cliJSON(dataDir, 'member', 'add', '--name', name, '--role', role, '--json');
  }
  await cliJSON(dataDir, 'me', 'set', people.social_media_manager.id, '--json');
  await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
  await cliJSON(dataDir, 'channel', 'add', '--network', 'linkedin', '--handle', 'kopi-nusantara', '--json');
  const year = new Date().getUTCFullYear() + 1;
  const start = `${year}-03-17`;

  const app = await startApp({ dataDir, name: 'playbooks-plan' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(app.url);
    await page.getByRole('navigation').getByText('Campaign plans', { exact: true }).click();
    const list = page.getByTestId('plans-list');
    await list.getByText('Product launch', { exact: true }).click();
    const steps = page.getByTestId('plan-steps');
    await steps.getByText('Launch results report').waitFor({ timeout: T });
    assert.equal(await steps.getByRole('row').count(), 10, 'nine steps and a header');

    // A start date in the past: the problems show and nothing can be created.
    const panel = page.getByTestId('plan-apply');
    await panel.getByTestId('plan-start').fill('2020-01-15');
    await page.getByTestId('plan-problems').getByText(/already past/).first().waitFor({ timeout: T });
    assert.ok(await page.getByTestId('plan-apply-button').isDisabled(), 'apply is off while there are problems');

    // A future start: every post and task with its date and person.
    await panel.getByTestId('plan-start').fill(start);
    const preview = page.getByTestId('plan-preview');
    await preview.getByText('Launch day', { exact: true }).waitFor({ timeout: T });
    await until(async () => (await page.getByTestId('plan-problems').count()) === 0);
    assert.equal(await preview.getByRole('row').count(), 10);
    const launch = preview.getByRole('row', { name: /Launch day/ });
    assert.match(await launch.innerText(), /Sari/);
    assert.match(await preview.getByRole('row', { name: /Launch results report/ }).innerText(), /Tono/);
    let camps = await cliJSON(dataDir, 'campaign', 'list', '--json');
    assert.equal(camps.length, 0, 'the preview created nothing');

    await page.getByTestId('plan-apply-button').click();
    // The calendar opens on the launch month with the plan's posts.
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
    for (const title of ['Teaser: something new is coming', 'Three-day countdown', 'Launch day', 'Launch announcement', 'Thank you']) {
      await page.getByText(title, { exact: true }).first().waitFor({ timeout: T });
    }

    camps = await cliJSON(dataDir, 'campaign', 'list', '--json');
    assert.equal(camps.length, 1);
    const plans = await cliJSON(dataDir, 'plan', 'list', '--json');
    assert.equal(camps[0].planId, plans[0].id, 'the campaign remembers its plan');
    // The tasks on the board, each with its checklist, in "to do".
    await page.getByRole('navigation').getByText('Tasks', { exact: true }).click();
    const todo = page.getByTestId('column-todo');
    for (const title of ['Launch brief', 'Launch images and video', 'Brief customer service', 'Launch results report']) {
      await todo.getByTestId('task-card').filter({ hasText: title }).waitFor({ timeout: T });
    }
    assert.equal(await page.getByTestId('task-card').count(), 4);
    assert.match(await todo.getByTestId('task-card').filter({ hasText: 'Launch brief' }).innerText(), /0\/3/);
    const tasks = await cliJSON(dataDir, 'task', 'list', '--json');
    const mine = tasks.filter((x) => x.campaignId === camps[0].id);
    assert.deepEqual(mine.map((x) => [x.title, x.assigneeId, x.due]).sort(), [
      ['Brief customer service', people.community_manager.id, `${year}-03-16`],
      ['Launch brief', people.social_media_manager.id, `${year}-03-03`],
      ['Launch images and video', people.graphic_designer.id, `${year}-03-07`],
      ['Launch results report', people.social_media_analyst.id, `${year}-04-16`],
    ]);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('run the crisis-management playbook in Bahasa Indonesia and tick a checklist item', async (t) => {
  const dataDir = tmpDataDir();
  await cliJSON(dataDir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Asia/Jakarta', '--json');
  const budi = await cliJSON(dataDir, 'member', 'add', '--name', 'Budi', '--role', 'head_of_social', '--json');
  await cliJSON(dataDir, 'me', 'set', budi.id, '--json');

  const app = await startApp({ dataDir, name: 'playbooks-run' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await page.goto(app.url);
    await page.waitForFunction(() => window.go?.api?.Workspace?.SetLanguage, null, { timeout: T });
    await page.evaluate(() => window.go.api.Workspace.SetLanguage('id'));
    await page.reload();
    await page.getByRole('navigation').getByText('Panduan proses', { exact: true }).click();
    const list = page.getByTestId('playbooks-list');
    await list.getByText('Manajemen krisis', { exact: true }).click();
    const view = page.getByTestId('playbook-view');
    await view.getByRole('heading', { name: 'Manajemen krisis' }).waitFor({ timeout: T });
    await view.getByTestId('playbook-checklist').getByText('Postingan terjadwal dijeda di semua jaringan').waitFor({ timeout: T });

    await view.getByRole('button', { name: 'Jalankan panduan' }).click();
    const run = page.getByTestId('playbook-run-task');
    await run.getByText(/Tugas untuk Budi/).waitFor({ timeout: T });
    const item = run.getByLabel('Postingan terjadwal dijeda di semua jaringan');
    await item.click();
    await until(async () => item.isChecked());

    const tasks = await cliJSON(dataDir, 'task', 'list', '--json');
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].title, 'Manajemen krisis');
    assert.equal(tasks[0].assigneeId, budi.id);
    assert.equal(tasks[0].source, 'playbook');
    await until(async () => {
      const task = await cliJSON(dataDir, 'task', 'show', tasks[0].id, '--json');
      const done = task.checklist.filter((c) => c.done).map((c) => c.text);
      return task.checklist.length === 9 && done.length === 1 && done[0] === 'Postingan terjadwal dijeda di semua jaringan';
    });

    // On the board, the task shows the tick.
    await page.getByRole('navigation').getByText('Tugas', { exact: true }).click();
    const card = page.getByTestId('column-todo').getByTestId('task-card').filter({ hasText: 'Manajemen krisis' });
    await card.getByTestId('checklist-progress').getByText('1/9').waitFor({ timeout: T });

    // The window's export writes the training guide as one standalone page.
    const out = path.join(tmpDataDir('postdeck-guide-'), 'panduan.html');
    const bytes = await page.evaluate((file) => window.go.api.Playbooks.Export('html', 'id', file), out);
    const html = fs.readFileSync(out, 'utf8');
    assert.equal(bytes, Buffer.byteLength(html));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h3[^>]*>Manajemen krisis<\/h3>/);
    assert.doesNotMatch(html, /<script|<link|src=/);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
