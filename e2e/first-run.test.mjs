// End-to-end: the first run and the empty calendar, as a new user sees them
// in the first window (1280x820), in English and in Bahasa Indonesia.
// Screenshots go to e2e/.artifacts/first-run-*.png for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, saveFailureArtifacts, artifactsDir, onboard, cliJSON, until } from './harness.mjs';

const T = 20_000;
// The window main.go opens on first run.
const WINDOW = { width: 1280, height: 820 };

/** fullyVisible says whether the locator's box lies inside the viewport, without scrolling. */
async function fullyVisible(page, locator) {
  await locator.waitFor({ timeout: T });
  const box = await locator.boundingBox();
  const vp = page.viewportSize();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width;
}

const shot = (page, name) => page.screenshot({ path: path.join(artifactsDir, `first-run-${name}.png`) });

test('English: the join card is in sight on first run, and the empty calendar says what to do first', async (t) => {
  const app = await startApp({ dataDir: tmpDataDir(), name: 'first-run-en' });
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await page.setViewportSize(WINDOW);
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Welcome to Postdeck' }).waitFor({ timeout: T });
    const join = page.getByRole('button', { name: 'Join a shared folder' });
    assert.ok(await fullyVisible(page, join), 'a teammate sees "Join a shared folder" without scrolling');
    await shot(page, 'onboarding-en');

    await onboard(page, app.url);
    const steps = page.getByTestId('first-steps');
    await steps.getByText('Start here').waitFor({ timeout: T });
    assert.ok(await fullyVisible(page, steps.getByRole('button', { name: 'Add channels' })));
    await steps.getByRole('button', { name: 'Share a folder' }).waitFor({ timeout: T });
    // Without channels the Gaps card does not ask for cadences.
    await page.getByTestId('gaps').getByText('No channels yet.', { exact: false }).waitFor({ timeout: T });
    assert.equal(await page.getByTestId('gaps').getByText('cadence', { exact: false }).count(), 0);
    await page.getByRole('button', { name: 'Search (Ctrl+K)' }).waitFor({ timeout: T });
    await shot(page, 'calendar-empty-en');

    // The first step leads to a page with a title; a campaign added there
    // leaves an empty form for the next one.
    await steps.getByRole('button', { name: 'Add channels' }).click();
    await page.getByRole('heading', { name: 'Channels & campaigns', level: 2 }).waitFor({ timeout: T });
    await page.getByLabel('Account').fill('@kopinusantara');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByText('@kopinusantara').first().waitFor({ timeout: T });
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await name.fill('Ramadan 2027');
    await page.getByLabel('Starts').fill('2027-02-18');
    await page.getByLabel('Ends').fill('2027-03-19');
    await page.getByLabel('Goal', { exact: true }).fill('More orders');
    await page.getByRole('button', { name: 'Add campaign' }).click();
    await page.getByRole('cell', { name: 'Ramadan 2027' }).waitFor({ timeout: T });
    assert.equal(await name.inputValue(), '');
    assert.equal(await page.getByLabel('Starts').inputValue(), '');
    assert.equal(await page.getByLabel('Ends').inputValue(), '');

    // Back on the calendar the channel step is done, the team step is not.
    await page.goto(`${app.url}#/calendar`);
    await steps.getByRole('button', { name: 'Add people' }).waitFor({ timeout: T });
    assert.equal(await steps.getByRole('button', { name: 'Add channels' }).count(), 0);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('Bahasa Indonesia: the join card is in sight, and the empty calendar speaks Indonesian', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'first-run-id' });
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await page.setViewportSize(WINDOW);
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Welcome to Postdeck' }).waitFor({ timeout: T });
    await page.getByText('Bahasa Indonesia').click();
    await page.getByRole('heading', { name: 'Selamat datang di Postdeck' }).waitFor({ timeout: T });
    const join = page.getByRole('button', { name: 'Bergabung dengan folder bersama' });
    assert.ok(await fullyVisible(page, join));
    // The whole label shows, not "Bergabung dengan folder bersan".
    assert.ok(await join.evaluate((b) => [...b.querySelectorAll('*')].every((el) => el.scrollWidth <= el.clientWidth + 1)), 'the join button label is cut off');
    await shot(page, 'onboarding-id');

    await page.getByLabel('Nama ruang kerja').fill('Kopi Nusantara');
    await page.getByLabel('Nama Anda').fill('Sari');
    await page.getByRole('button', { name: 'Mulai menggunakan Postdeck' }).click();
    await page.getByRole('heading', { name: 'Kalender konten' }).waitFor({ timeout: T });
    const steps = page.getByTestId('first-steps');
    await steps.getByText('Mulai di sini').waitFor({ timeout: T });
    await steps.getByRole('button', { name: 'Tambah saluran' }).waitFor({ timeout: T });
    await page.getByTestId('gaps').getByText('Belum ada saluran.', { exact: false }).waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Cari (Ctrl+K)' }).waitFor({ timeout: T });
    // "Minggu" is Sunday in the column headers; the week view is "Pekan".
    await page.getByRole('button', { name: 'Pekan' }).waitFor({ timeout: T });
    assert.equal(await page.locator('.fc-toolbar button', { hasText: 'Minggu' }).count(), 0);
    await shot(page, 'calendar-empty-id');

    // Times in the month view have one shape, the Indonesian 24-hour one:
    // "08.00" and "09.07", never "08" beside "9:07".
    const month = new Date().toISOString().slice(0, 7);
    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    await cliJSON(dataDir, 'post', 'add', '--title', 'Pagi', '--channel', ig.id, '--date', `${month}-10`, '--time', '08:00', '--json');
    await cliJSON(dataDir, 'post', 'add', '--title', 'Siang', '--channel', ig.id, '--date', `${month}-11`, '--time', '21:07', '--json');
    const times = page.locator('.pd-event-time');
    await until(async () => (await times.count()) === 2);
    assert.deepEqual((await times.allTextContents()).sort(), ['08.00', '21.07']);
    await page.getByRole('button', { name: 'Daftar' }).click();
    // The list's rows carry the same times.
    await until(async () => {
      const rows = await page.locator('.pd-table-row:not(.pd-table-head)').allTextContents();
      return rows.length === 2 && rows.some((r) => r.includes('08.00')) && rows.some((r) => r.includes('21.07'));
    });
    await shot(page, 'calendar-times-id');

    // A file that is not there: the message is Indonesian through and
    // through; the system's English text and the full path are only on the
    // details line.
    const missing = path.join(dataDir, 'tidak-ada', 'posts.csv');
    await page.getByRole('button', { name: 'Impor / ekspor' }).click();
    await page.getByRole('textbox', { name: 'Berkas CSV' }).fill(missing);
    await page.getByRole('button', { name: 'Periksa' }).click();
    const error = page.getByTestId('csv-error');
    await error.waitFor({ timeout: T });
    const [sentence, details] = (await error.innerText()).split('\n');
    assert.equal(sentence, 'Berkas posts.csv tidak bisa dibaca. Berkas atau folder itu tidak ada.');
    assert.ok(!/no such file|\//.test(sentence), sentence);
    assert.match(details, /^Rincian: .*no such file or directory$/);
    assert.ok(details.includes(missing), details);
    await shot(page, 'missing-file-id');
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
