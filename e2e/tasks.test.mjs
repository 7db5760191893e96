// End-to-end: a task with a checklist made in the window, dragged to "doing"
// on the board, an item ticked, and the task in My work (the landing page once
// this computer's member is known); once in English, once in Bahasa Indonesia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, until } from './harness.mjs';

const T = 20_000;

const words = {
  en: {
    myWork: 'My work', tasks: 'Tasks', newTask: 'New task', title: 'Title', assignee: 'Assignee', due: 'Due date',
    description: 'Description', newItem: 'New checklist item', create: 'Create task', todo: 'To do', doing: 'Doing',
    today: 'Today', progress: '1 of 2 done', empty: /No tasks yet/, calendar: 'Content calendar', layer: 'Show tasks with a due date on the calendar',
    del: 'Delete task', ask: "Teammates' computers delete it too.", yes: 'Yes, delete',
  },
  id: {
    myWork: 'Pekerjaan saya', tasks: 'Tugas', newTask: 'Tugas baru', title: 'Judul', assignee: 'Penanggung jawab', due: 'Tanggal tenggat',
    description: 'Deskripsi', newItem: 'Butir daftar periksa baru', create: 'Buat tugas', todo: 'Akan dikerjakan', doing: 'Sedang dikerjakan',
    today: 'Hari ini', progress: '1 dari 2 selesai', empty: /Belum ada tugas/, calendar: 'Kalender konten', layer: 'Tampilkan tugas bertenggat di kalender',
    del: 'Hapus tugas', ask: 'Komputer rekan tim juga akan menghapusnya.', yes: 'Ya, hapus',
  },
};

/** dragTo drags el onto target with the mouse, in small steps, as a person would. */
async function dragTo(page, el, target) {
  const a = await el.boundingBox();
  const b = await target.boundingBox();
  await page.mouse.move(a.x + 20, a.y + a.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(a.x + 20 + ((b.x + b.width / 2 - a.x - 20) * i) / steps, a.y + a.height / 2 + ((b.y + 60 - a.y - a.height / 2) * i) / steps);
  }
  await page.mouse.up();
}

for (const lang of ['en', 'id']) {
  const w = words[lang];
  test(`a task with a checklist: made in the window, dragged to doing, ticked, in My work (${lang})`, async (t) => {
    const dataDir = tmpDataDir();
    const sari = await cliJSON(dataDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
    const budi = await cliJSON(dataDir, 'member', 'add', '--name', 'Budi', '--role', 'content_creator', '--json');
    await cliJSON(dataDir, 'member', 'update', sari.id, '--backup', budi.id, '--json');
    await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
    // Jakarta: "today" is the workspace's day, whatever the computer's zone.
    await cliJSON(dataDir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', 'Asia/Jakarta', '--json');

    const app = await startApp({ dataDir, name: `tasks-${lang}` });
    const browser = await openBrowser();
    const page = browser.page;
    try {
      await page.goto(app.url);
      await page.waitForFunction(() => window.go?.api?.Workspace?.SetLanguage, null, { timeout: T });
      await page.evaluate((l) => window.go.api.Workspace.SetLanguage(l), lang);
      await page.reload();
      // The landing page once this computer's member is known.
      await page.getByRole('heading', { name: w.myWork, exact: true }).waitFor({ timeout: T });
      const today = (await page.evaluate(() => window.go.api.Tasks.MyWork())).today;

      await page.getByRole('navigation').getByText(w.tasks, { exact: true }).click();
      await page.getByTestId('tasks-empty').getByText(w.empty).waitFor({ timeout: T });
      // Alt+T: a new task.
      await page.keyboard.press('Alt+t');
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('textbox', { name: w.title }).waitFor({ timeout: T });
      await drawer.getByRole('textbox', { name: w.title }).fill('Foto produk Ramadan');
      await drawer.getByRole('textbox', { name: w.description }).fill('**Penting**: pakai *latar* putih <img src=x onerror="window.__hacked=1">');
      await drawer.getByRole('combobox', { name: w.assignee, exact: true }).click();
      await page.getByRole('option', { name: 'Sari', exact: true }).click();
      await drawer.getByLabel(w.due, { exact: true }).fill(today);
      const item = drawer.getByRole('textbox', { name: w.newItem });
      await item.fill('Sewa studio');
      await item.press('Enter');
      await item.fill('Pilih model');
      await item.press('Enter');
      await drawer.getByRole('button', { name: w.create }).click();

      // The drawer now shows the task: its Markdown rendered, no HTML of it run.
      await drawer.getByTestId('task-title').getByText('Foto produk Ramadan').waitFor({ timeout: T });
      const desc = drawer.getByTestId('task-description');
      await desc.locator('strong', { hasText: 'Penting' }).waitFor({ timeout: T });
      assert.equal(await desc.locator('img').count(), 0, 'raw HTML in a description is not rendered');
      assert.equal(await page.evaluate(() => window.__hacked), undefined);
      const [task] = await page.evaluate(() => window.go.api.Tasks.List({}));
      assert.equal(task.backupId, budi.id, "the backup is the assignee's backup");
      assert.deepEqual(task.checklist.map((i) => i.text), ['Sewa studio', 'Pilih model']);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden', timeout: T });

      // Drag it from "to do" to "doing" on the board.
      const todo = page.getByRole('region', { name: w.todo });
      const doing = page.getByRole('region', { name: w.doing });
      const card = todo.getByTestId('task-card').filter({ hasText: 'Foto produk Ramadan' });
      await card.waitFor({ timeout: T });
      await dragTo(page, card, doing);
      await doing.getByTestId('task-card').filter({ hasText: 'Foto produk Ramadan' }).waitFor({ timeout: T });
      await until(async () => (await page.evaluate((id) => window.go.api.Tasks.Get(id), task.id)).status === 'doing');
      const history = await page.evaluate((id) => window.go.api.Tasks.History(id), task.id);
      assert.deepEqual(history.map((h) => [h.kind, h.from, h.to, h.memberId]).slice(1), [['status', 'todo', 'doing', sari.id]]);

      // Open it and tick the first item.
      await doing.getByRole('button', { name: 'Foto produk Ramadan', exact: true }).click();
      const list = page.getByRole('dialog').getByTestId('task-checklist');
      await list.getByRole('checkbox', { name: 'Sewa studio' }).click();
      await list.getByText(w.progress).waitFor({ timeout: T });
      const ticked = await page.evaluate((id) => window.go.api.Tasks.Get(id), task.id);
      assert.deepEqual(ticked.checklist.map((i) => [i.text, i.done, i.doneBy]), [['Sewa studio', true, sari.id], ['Pilih model', false, '']]);
      await page.keyboard.press('Escape');

      // My work: due today, doing, one of two ticked.
      await page.getByRole('navigation').getByText(w.myWork, { exact: true }).click();
      const todaySection = page.getByTestId('mywork-today');
      await todaySection.getByRole('heading', { name: w.today }).waitFor({ timeout: T });
      const row = todaySection.locator(`[data-task-id="${task.id}"]`);
      await row.getByText('Foto produk Ramadan').waitFor({ timeout: T });
      assert.equal(await row.getByTestId('checklist-progress').innerText(), '1/2');
      await row.getByText(w.doing).waitFor({ timeout: T });

      // The calendar shows tasks as a layer this computer switches on.
      await page.getByRole('navigation').getByText(lang === 'en' ? 'Calendar' : 'Kalender', { exact: true }).click();
      await page.getByRole('heading', { name: w.calendar }).waitFor({ timeout: T });
      assert.equal(await page.locator('.task-event').count(), 0, 'tasks are off the calendar until switched on');
      await page.getByTestId('layers-card').getByRole('switch', { name: w.layer }).click({ force: true });
      await page.locator('.task-event', { hasText: 'Foto produk Ramadan' }).first().waitFor({ timeout: T });

      // Deleting it asks first, in the window's language: Escape closes the
      // question only (the task stays open), Enter deletes it.
      await page.locator('.task-event', { hasText: 'Foto produk Ramadan' }).first().click();
      const open = page.getByRole('dialog');
      await open.getByRole('button', { name: w.del }).click();
      const ask = page.getByRole('alertdialog');
      await ask.getByText(w.ask, { exact: false }).waitFor({ timeout: T });
      await page.keyboard.press('Escape');
      await ask.waitFor({ state: 'hidden', timeout: T });
      await open.getByTestId('task-title').getByText('Foto produk Ramadan').waitFor({ timeout: T });
      assert.equal((await page.evaluate((id) => window.go.api.Tasks.Get(id), task.id)).title, 'Foto produk Ramadan');
      await open.getByRole('button', { name: w.del }).click();
      await ask.getByRole('button', { name: w.yes }).waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await until(async () => !(await cliJSON(dataDir, 'task', 'list', '--json')).some((x) => x.id === task.id));
    } catch (err) {
      await saveFailureArtifacts(page, t.name);
      throw err;
    } finally {
      await browser.close();
      await app.stop();
    }
  });
}
