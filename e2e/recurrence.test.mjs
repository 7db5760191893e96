// End-to-end: a weekly post, one day edited on its own, one day skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, onboard } from './harness.mjs';

const T = 20_000;

test('a weekly series: create it in the editor, change one day only, skip another, the rest stay', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'recurrence' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);

    // Mondays of this month, from its first Monday, four times.
    const now = new Date();
    const first = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 1));
    while (first.getUTCDay() !== 1) first.setUTCDate(first.getUTCDate() + 1);
    const day = (n) => new Date(first.getTime() + n * 7 * 86400000).toISOString().slice(0, 10);

    await page.keyboard.press('Alt+n'); // the shortcut for a new post
    const editor = page.getByRole('dialog');
    await editor.getByLabel('Title').fill('Tips Senin');
    await editor.getByLabel('Date').fill(day(0));
    await editor.getByLabel('Time').fill('08:00');
    await editor.getByRole('combobox', { name: 'Repeat' }).click();
    await page.getByRole('option', { name: 'Every week' }).click();
    await editor.getByRole('combobox', { name: 'Ends' }).click();
    await page.getByRole('option', { name: 'After a number of posts' }).click();
    await editor.getByLabel('After a number of posts').fill('4');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('"Tips Senin" was added').waitFor({ timeout: T });
    await editor.getByRole('button', { name: 'Close' }).click();

    const [series] = await cliJSON(dataDir, 'post', 'list', '--json');
    assert.equal(series.rrule, 'FREQ=WEEKLY;BYDAY=MO;COUNT=4');

    // The second Monday on its own: another title.
    await page.locator(`[data-date="${day(1)}"] .fc-event`, { hasText: 'Tips Senin' }).click();
    await editor.getByTestId('series-scope').getByText('This post only').waitFor({ timeout: T });
    await editor.getByLabel('Title').fill('Tips Senin: edisi spesial');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved').first().waitFor({ timeout: T });
    await editor.getByText('One post of a series').waitFor({ timeout: T });
    await editor.getByRole('button', { name: 'Close' }).click();

    // The third Monday is skipped.
    await page.locator(`[data-date="${day(2)}"] .fc-event`, { hasText: 'Tips Senin' }).click();
    await editor.getByRole('button', { name: 'Skip this day' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Skip this day' }).click();
    const dayText = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day(2)}T00:00:00Z`));
    await page.getByText(`${dayText} is skipped.`).waitFor({ timeout: T });

    await page.locator(`[data-date="${day(1)}"] .fc-event`, { hasText: 'edisi spesial' }).waitFor({ timeout: T });
    assert.equal(await page.locator(`[data-date="${day(2)}"] .fc-event`).count(), 0, 'the skipped day is empty');
    assert.equal(await page.locator(`[data-date="${day(3)}"] .fc-event`, { hasText: 'Tips Senin' }).count(), 1);

    const to = new Date(first.getTime() + 40 * 86400000).toISOString().slice(0, 10);
    const list = await cliJSON(dataDir, 'post', 'list', '--from', day(0), '--to', to, '--json');
    assert.deepEqual(
      list.map((p) => `${p.date} ${p.time} ${p.title}`),
      [`${day(0)} 08:00 Tips Senin`, `${day(1)} 08:00 Tips Senin: edisi spesial`, `${day(3)} 08:00 Tips Senin`],
    );
  } catch (err) {
    await saveFailureArtifacts(page, "recurrence");
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('the calendar keeper sees the channels short of their cadence, and the gap closes when posts are planned', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'keeper' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    const gaps = page.getByTestId('gaps');
    // Without channels the card asks for channels, not for cadences.
    await gaps.getByText('No channels yet.').waitFor({ timeout: T });

    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--cadence', '3', '--json');
    await gaps.getByTestId(`gap-${ig.id}`).getByText('nothing planned').waitFor({ timeout: T });
    await gaps.getByText('Nobody keeps the calendar yet.').waitFor({ timeout: T });

    // Name the keeper in Settings.
    await gaps.getByRole('link', { name: 'Name a calendar keeper' }).click();
    await page.getByRole('combobox', { name: 'Calendar keeper' }).click();
    await page.getByRole('option', { name: 'Sari' }).click();
    await page.getByText('Saved').first().waitFor({ timeout: T });
    await page.getByText('Calendar', { exact: true }).first().click();
    await gaps.getByText('Sari keeps the calendar current.').waitFor({ timeout: T });

    // Two posts a week planned: still short; then a daily series: no gap.
    const { from } = await cliJSON(dataDir, 'post', 'gaps', '--json');
    await cliJSON(dataDir, 'post', 'add', '--title', 'Senin', '--channel', ig.id, '--date', from, '--repeat', 'weekly', '--count', '2', '--json');
    await gaps.getByTestId(`gap-${ig.id}`).getByText('2 of 6 planned').waitFor({ timeout: T });
    await cliJSON(dataDir, 'post', 'add', '--title', 'Harian', '--channel', ig.id, '--date', from, '--repeat', 'daily', '--count', '5', '--json');
    await gaps.getByText('Every channel has its posts planned').waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, 'keeper');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
