// End-to-end: the year plan and the calendar's filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts, onboard, until } from './harness.mjs';

const T = 20_000;

test('the year plan lays campaigns out on a timeline; a campaign opens its posts in the calendar', async () => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'year' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);

    const year = new Date().getFullYear();
    const ramadan = await cliJSON(dataDir, 'campaign', 'add', '--name', 'Ramadan', '--from', `${year}-02-08`, '--to', `${year}-03-09`, '--json');
    const lebaran = await cliJSON(dataDir, 'campaign', 'add', '--name', 'Lebaran', '--kind', 'promotion', '--from', `${year}-03-01`, '--to', `${year}-03-15`, '--json');
    const merdeka = await cliJSON(dataDir, 'campaign', 'add', '--name', 'Merdeka', '--from', `${year}-08-01`, '--to', `${year}-08-17`, '--json');
    await cliJSON(dataDir, 'post', 'add', '--title', 'Buka puasa', '--date', `${year}-02-20`, '--campaign', ramadan.id, '--json');

    await page.getByText('Year plan', { exact: true }).first().click();
    await page.getByTestId(`bar-${merdeka.id}`).waitFor({ timeout: T });
    const box = async (c) => page.getByTestId(`bar-${c.id}`).boundingBox();
    const [r, l, m] = [await box(ramadan), await box(lebaran), await box(merdeka)];
    assert.ok(l.y > r.y, 'overlapping campaigns are in separate lanes');
    assert.equal(m.y, r.y, 'a later campaign reuses the first free lane');
    assert.ok(m.x > l.x && l.x > r.x, 'bars are in date order along the year');
    const row = page.getByRole('row', { name: /Ramadan/ });
    assert.equal(await row.getByRole('cell').last().textContent(), '1', 'one post planned in Ramadan');

    await page.getByRole('button', { name: 'Next year' }).click();
    await page.getByText(`No campaigns in ${year + 1} yet.`).waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Previous year' }).click();

    await page.getByTestId(`bar-${ramadan.id}`).click();
    await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
    assert.equal(await page.getByTestId('calendar-filters').getByRole('combobox', { name: 'Campaign' }).inputValue(), 'Ramadan');
  } catch (err) {
    await saveFailureArtifacts(page, 'year');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('filters by network and label stay while moving between months', async () => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'filters' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
    const x = await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
    const today = new Date().toISOString().slice(0, 10);
    await cliJSON(dataDir, 'post', 'add', '--title', 'Reel promo', '--channel', ig.id, '--label', 'promo', '--date', today, '--json');
    await cliJSON(dataDir, 'post', 'add', '--title', 'Thread tips', '--channel', x.id, '--label', 'tips', '--date', today, '--json');
    await cliJSON(dataDir, 'post', 'add', '--title', 'Tweet promo', '--channel', x.id, '--label', 'promo', '--date', today, '--json');
    const events = page.locator('[data-testid=calendar] .fc-event');
    await page.locator('.fc-event', { hasText: 'Tweet promo' }).waitFor({ timeout: T });

    const filters = page.getByTestId('calendar-filters');
    await filters.getByRole('combobox', { name: 'Network' }).click();
    await page.getByRole('option', { name: 'X', exact: true }).click();
    await page.locator('.fc-event', { hasText: 'Reel promo' }).waitFor({ state: 'detached', timeout: T });
    await filters.getByRole('combobox', { name: 'Label' }).click();
    await page.getByRole('option', { name: 'promo' }).click();
    await page.locator('.fc-event', { hasText: 'Thread tips' }).waitFor({ state: 'detached', timeout: T });
    await until(async () => (await events.count()) === 1);
    assert.match((await events.allInnerTexts())[0], /Tweet promo/);

    await page.getByRole('button', { name: 'Next month' }).click();
    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.locator('.fc-event', { hasText: 'Tweet promo' }).waitFor({ timeout: T });
    await until(async () => (await events.count()) === 1); // the filters stay after moving around
    assert.equal(await filters.getByRole('combobox', { name: 'Label' }).inputValue(), 'promo');
  } catch (err) {
    await saveFailureArtifacts(page, 'filters');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
