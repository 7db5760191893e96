// End-to-end: a busy agency month (2,000 posts in one month) in Chromium.
// Records how fast the month view, opening a post, search and the list are,
// from the performance measures the app leaves in (frontend/src/shared/lib/perf.ts),
// into e2e/.artifacts/busy-month.json (figures in docs/BENCHMARKS.md). The test
// fails on what a person would see go wrong, not on the timings, which swing
// with the machine's load. It also takes screenshots of the month in the light
// and the dark theme and checks the dark theme's contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cli, cliJSON, saveFailureArtifacts, until, artifactsDir } from './harness.mjs';

const T = 30_000;
const POSTS = 2000;
const BUSY_DAY = 12;
const BUSY_COUNT = 70;
const SAMPLES = 5;

const pad = (n) => String(n).padStart(2, '0');
const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** busyMonthCSV writes 2,000 posts of month (YYYY-MM): 70 on the busy day, the rest spread over the other days. */
function busyMonthCSV(month, days, members, campaign) {
  const topics = ['Promo kopi susu gula aren untuk pelanggan setia', 'Resep es kopi kekinian di rumah', 'Behind the scenes: sangrai biji kopi Gayo', 'Giveaway tumbler edisi akhir tahun'];
  const channels = ['instagram:@kopi', 'x:@kopinus', 'tiktok:@kopi.tiktok', 'linkedin:@kopinusantara'];
  const rows = [['title', 'date', 'time', 'channels', 'owner', 'campaign', 'text'].join(',')];
  const others = [];
  for (let d = 1; d <= days; d++) if (d !== BUSY_DAY) others.push(d);
  for (let i = 0; i < POSTS; i++) {
    const day = i < BUSY_COUNT ? BUSY_DAY : others[i % others.length];
    const time = i % 9 === 0 ? '' : `${pad(7 + (i % 14))}:${pad((i * 7) % 60)}`;
    const chans = [channels[i % 4], ...(i % 3 === 0 ? [channels[(i + 1) % 4]] : [])].join(',');
    const title = `${topics[i % topics.length]} #${i + 1}`;
    const text = i === 1234 ? 'Biji kopi zamrudkhatulistiwa dari Aceh' : `Teks postingan nomor ${i + 1}`;
    rows.push([title, `${month}-${pad(day)}`, time, chans, members[i % members.length], day >= 10 && day <= 24 ? campaign : '', text].map(csvCell).join(','));
  }
  return rows.join('\n') + '\n';
}

async function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
}

/** newMeasure waits for one more measure called name than there were and returns its duration in ms. */
async function newMeasure(page, name, before) {
  let all = [];
  await until(async () => (all = await measures(page, name)).length > before, T);
  return Math.round(all[all.length - 1]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** contrast is the WCAG contrast ratio of two rgb() colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** colours gives the text colour of the element and the first opaque background behind it. */
function colours(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    let bg = 'rgb(255, 255, 255)';
    for (let n = el; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*, 0\)$/.test(c)) {
        bg = c;
        break;
      }
    }
    return { color: getComputedStyle(el).color, bg };
  }, selector);
}

test('a month of 2,000 posts: month view, a busy day, opening a post, search and the list stay fast and readable', async (t) => {
  const dataDir = tmpDataDir();
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const sari = await cliJSON(dataDir, 'member', 'add', '--name', 'Sari', '--role', 'social_media_manager', '--json');
  await cliJSON(dataDir, 'member', 'add', '--name', 'Budi', '--role', 'content_creator', '--json');
  await cliJSON(dataDir, 'me', 'set', sari.id, '--json');
  await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');
  await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
  await cliJSON(dataDir, 'channel', 'add', '--network', 'tiktok', '--handle', '@kopi.tiktok', '--json');
  await cliJSON(dataDir, 'channel', 'add', '--network', 'linkedin', '--handle', '@kopinusantara', '--json');
  const campaignName = 'Promo Akhir Tahun Kopi Nusantara';
  await cliJSON(dataDir, 'campaign', 'add', '--name', campaignName, '--from', `${month}-10`, '--to', `${month}-24`, '--json');
  const csv = path.join(dataDir, 'busy-month.csv');
  fs.writeFileSync(csv, busyMonthCSV(month, days, ['Sari', 'Budi'], campaignName));
  const imported = Date.now();
  await cli(dataDir, 'import', 'csv', csv);
  const importMs = Date.now() - imported;

  const app = await startApp({ dataDir, name: 'busy-month' });
  const browser = await openBrowser();
  const page = browser.page;
  const figures = { posts: POSTS, month, importMs, samples: {} };
  const sample = (name, ms) => (figures.samples[name] ??= []).push(ms);
  try {
    await page.goto(`${app.url}#/calendar`);
    await page.evaluate(() => window.go.api.Workspace.Update('Kopi Nusantara', 'Etc/UTC'));
    // The month view, from its posts arriving to the grid painted, on each of a few fresh loads.
    for (let i = 0; i < SAMPLES; i++) {
      await page.goto(`${app.url}#/calendar`);
      await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: T });
      sample('monthView', await newMeasure(page, 'pd:month-view', 0));
    }
    const cell = page.locator(`td.fc-daygrid-day[data-date="${month}-${pad(BUSY_DAY)}"]`);
    await until(async () => (await cell.locator('.fc-event').count()) > 0, T);
    // The busy day shows a few posts and "+N more"; no day shows all its posts.
    const shown = await cell.locator('.fc-event:not(.pd-more)').count();
    assert.ok(shown >= 2 && shown <= 4, `the busy day shows a few posts, not ${shown}`);
    const more = cell.getByText(`+${BUSY_COUNT - shown} more`);
    await more.waitFor({ timeout: T });
    assert.ok((await page.locator('[data-testid=calendar] .fc-event').count()) < 300, 'the month grid holds a few posts a day, not 2,000');

    // Titles wrap to two lines and show the post's network icons.
    const first = cell.locator('.fc-event:not(.pd-more)').first();
    const lines = await first.locator('.pd-event').evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    assert.equal(lines, 2, 'a long title wraps to two lines');
    assert.ok((await first.getByRole('img').count()) >= 1, 'the network icons show');

    // Hover and keyboard focus show the whole title.
    const fullTitle = await first.locator('[data-full-title]').getAttribute('data-full-title');
    await first.hover();
    await page.getByRole('tooltip').getByText(fullTitle, { exact: true }).waitFor({ timeout: T });
    await page.mouse.move(5, 5);
    await page.getByRole('tooltip').waitFor({ state: 'detached', timeout: T });
    const second = cell.locator('.fc-event:not(.pd-more)').nth(1);
    const secondTitle = await second.locator('[data-full-title]').getAttribute('data-full-title');
    await second.focus();
    await page.getByRole('tooltip').getByText(secondTitle, { exact: true }).waitFor({ timeout: T });

    // The campaign's name is written once in the month, clear of the day numbers and the posts.
    const labels = page.locator('.pd-band-label', { hasText: campaignName });
    assert.equal(await labels.count(), 1, 'the campaign label shows once, not in every week row');
    const label = await labels.boundingBox();
    const dayNumber = await page.locator(`td.fc-daygrid-day[data-date="${month}-10"] .fc-daygrid-day-number`).boundingBox();
    assert.ok(label.x + label.width <= dayNumber.x + 1 || label.y >= dayNumber.y + dayNumber.height - 1, `the campaign label does not run under the day number: ${JSON.stringify({ label, dayNumber })}`);
    const firstPost = await page.locator(`td.fc-daygrid-day[data-date="${month}-10"] .fc-event:not(.pd-more)`).first().boundingBox();
    assert.ok(label.y + label.height <= firstPost.y + 1, 'the campaign label does not run under the posts');

    await second.evaluate((el) => el.blur());
    await page.getByRole('tooltip').waitFor({ state: 'detached', timeout: T });
    await page.getByTestId('calendar').screenshot({ path: path.join(artifactsDir, 'busy-month-light.png') });

    // "+N more" opens the day: its 70 posts in the list.
    await more.click();
    await page.getByText(`${englishDay(`${month}-${pad(BUSY_DAY)}`)}: ${BUSY_COUNT} posts`).waitFor({ timeout: T });
    assert.equal(await page.getByTestId('post-table').getAttribute('aria-rowcount'), String(BUSY_COUNT + 1));
    await page.getByRole('button', { name: 'Show the whole month' }).click();
    await until(async () => (await page.getByTestId('post-table').getAttribute('aria-rowcount')) === String(POSTS + 1), T);
    // Only the rows in sight are in the page.
    assert.ok((await page.getByTestId('post-table').getByRole('row').count()) < 60, 'the list renders only what is visible');
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await cell.locator('.fc-event').first().waitFor({ timeout: T });

    // Opening a post, a few times.
    for (let i = 0; i < SAMPLES; i++) {
      const before = (await measures(page, 'pd:open-post')).length;
      const ev = page.locator(`td.fc-daygrid-day[data-date="${month}-${pad(3 + i)}"] .fc-event:not(.pd-more)`).first();
      const title = await ev.locator('[data-full-title]').getAttribute('data-full-title');
      await ev.click();
      const editor = page.getByRole('dialog');
      await until(async () => (await editor.getByLabel('Title').inputValue().catch(() => '')) === title, T);
      sample('openPost', await newMeasure(page, 'pd:open-post', before));
      await editor.getByRole('button', { name: 'Close' }).last().click();
      await editor.waitFor({ state: 'hidden', timeout: T });
    }

    // Search in the command palette, a few words.
    for (const [i, word] of ['zamrudkhatulistiwa', 'Gayo #1999', 'tumbler #1200', 'resep #1002', 'Promo #1497'].entries()) {
      const before = (await measures(page, 'pd:search')).length;
      const box = page.getByPlaceholder('Search posts or type a command…');
      await page.keyboard.press('Control+K');
      await box.waitFor({ timeout: T });
      await box.fill(word);
      const expect = [/#1235\b/, /#1999\b/, /#1200\b/, /#1002\b/, /#1497\b/][i];
      await page.getByRole('button', { name: expect }).first().waitFor({ timeout: T });
      sample('search', await newMeasure(page, 'pd:search', before));
      await page.keyboard.press('Escape');
      await box.waitFor({ state: 'hidden', timeout: T });
    }

    // The list of the month, a few times from the month view.
    for (let i = 0; i < SAMPLES; i++) {
      const before = (await measures(page, 'pd:list-view')).length;
      await page.getByRole('button', { name: 'List', exact: true }).click();
      await page.getByTestId('post-table').getByRole('row').nth(1).waitFor({ timeout: T });
      sample('listView', await newMeasure(page, 'pd:list-view', before));
      await page.getByRole('button', { name: 'Month', exact: true }).click();
      await cell.locator('.fc-event').first().waitFor({ timeout: T });
    }

    // The dark theme: the weekday header and the campaign's name are readable.
    await page.evaluate(() => window.go.api.Workspace.SetTheme('dark'));
    await page.reload();
    await page.locator('[data-mantine-color-scheme=dark]').waitFor({ state: 'attached', timeout: T });
    await cell.locator('.fc-event').first().waitFor({ timeout: T });
    const header = await colours(page, '.fc-col-header-cell-cushion');
    figures.darkHeader = { ...header, contrast: Number(contrast(header.color, header.bg).toFixed(2)) };
    assert.ok(contrast(header.bg, 'rgb(255, 255, 255)') > 4.5, `the weekday header is dark in the dark theme (${header.bg})`);
    assert.ok(figures.darkHeader.contrast >= 4.5, `the weekday header's text is readable: ${JSON.stringify(header)}`);
    const camp = await colours(page, '.pd-band-label');
    figures.darkCampaignLabel = { ...camp, contrast: Number(contrast(camp.color, camp.bg).toFixed(2)) };
    assert.ok(figures.darkCampaignLabel.contrast >= 4.5, `the campaign label is readable: ${JSON.stringify(camp)}`);
    await page.getByTestId('calendar').screenshot({ path: path.join(artifactsDir, 'busy-month-dark.png') });

    // The machine's load swings these figures several times over: it goes with them.
    figures.loadAverage = os.loadavg().map((l) => Number(l.toFixed(1)));
    for (const [k, xs] of Object.entries(figures.samples)) figures[k] = { medianMs: median(xs), minMs: Math.min(...xs), samplesMs: xs };
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'busy-month.json'), JSON.stringify(figures, null, 2) + '\n');
    process.stderr.write(`busy month: ${JSON.stringify(figures)}\n`);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});

/** englishDay is a YYYY-MM-DD day as the English window writes it (Thu, 5 Nov 2026). */
function englishDay(day) {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
