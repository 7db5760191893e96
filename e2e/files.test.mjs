// End-to-end: CSV import with a preview of each row's problems, and a
// backup made from Settings that the command line restores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cli, cliJSON, cliResult, onboard, saveFailureArtifacts } from './harness.mjs';

const T = 20_000;

test('import a spreadsheet with one bad row: see the problem first, nothing written; fix it, import, see the posts; back up from Settings and restore', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'files' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopi', '--json');

    // What Excel writes with Indonesian settings: a BOM, semicolons, day-first
    // dates. The third row's time does not exist.
    const month = new Date().toISOString().slice(0, 7);
    const [y, m] = month.split('-');
    const csvDir = tmpDataDir('postdeck-csv-');
    const file = path.join(csvDir, 'rencana.csv');
    const rows = (badTime) =>
      '\ufefftitle;date;time;channels;text\r\n' +
      `Promo kopi susu;13/${m}/${y};09:30;instagram:@kopi;"Diskon 20%; semua cabang"\r\n` +
      `Tips seduh;${y}-${m}-14;${badTime};instagram:@kopi;Air 92°C\r\n` +
      `Kuis Jumat;${y}-${m}-20;;@kopi;Tebak rasanya ☕\r\n`;
    fs.writeFileSync(file, rows('25:00'));

    await page.getByRole('button', { name: 'Import / export' }).click();
    await page.getByRole('heading', { name: 'Import and export posts' }).waitFor({ timeout: T });
    await page.getByLabel('CSV file').fill(file);
    await page.getByRole('button', { name: 'Check file' }).click();
    const bad = page.getByTestId('csv-row-3');
    await bad.getByText('time: "25:00" is not a time. Times look like 09:30.').waitFor({ timeout: T });
    await page.getByTestId('csv-row-2').getByText('New post').waitFor({ timeout: T });
    await page.getByText('1 with problems').waitFor({ timeout: T });
    const importButton = page.getByRole('button', { name: /^Import \d+ rows?$/ });
    assert.equal(await importButton.isDisabled(), true, 'Import is disabled while a row has a problem');
    assert.deepEqual(await cliJSON(dataDir, 'post', 'list', '--json'), [], 'nothing was written by the preview');

    // Fix the file in the spreadsheet, check again, import.
    fs.writeFileSync(file, rows('10:00'));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('0 with problems').waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByTestId('csv-result').getByText('Imported: 3 added, 0 updated, 0 unchanged, 0 skipped.').waitFor({ timeout: T });
    const posts = await cliJSON(dataDir, 'post', 'list', '--json');
    assert.deepEqual(posts.map((p) => [p.title, p.date, p.time]), [
      ['Promo kopi susu', `${month}-13`, '09:30'],
      ['Tips seduh', `${month}-14`, '10:00'],
      ['Kuis Jumat', `${month}-20`, ''],
    ]);
    assert.equal(posts[0].body, 'Diskon 20%; semua cabang');

    // The posts are on the calendar.
    await page.getByRole('button', { name: 'Open the calendar' }).click();
    await page.locator(`td.fc-daygrid-day[data-date="${month}-13"] .fc-event`, { hasText: 'Promo kopi susu' }).waitFor({ timeout: T });
    await page.locator(`td.fc-daygrid-day[data-date="${month}-20"] .fc-event`, { hasText: 'Kuis Jumat' }).waitFor({ timeout: T });

    // A backup from Settings, with progress, into a folder of our choice.
    const backups = tmpDataDir('postdeck-backups-');
    await page.getByText('Settings', { exact: true }).first().click();
    await page.getByLabel('Save backups in').fill(backups);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByTestId('backup-done').waitFor({ timeout: T });
    const [made] = fs.readdirSync(backups).filter((n) => n.endsWith('.zip'));
    assert.ok(made, 'a backup file is in the folder');
    const backupFile = path.join(backups, made);
    assert.match(await page.getByTestId('backup-done').innerText(), new RegExp(made.replace(/\./g, '\\.')));

    // The command line restores it into a new folder: the same posts.
    const restored = path.join(tmpDataDir('postdeck-restored-'), 'ws');
    await cli(restored, 'restore', backupFile);
    const again = await cliJSON(restored, 'post', 'list', '--json');
    assert.deepEqual(again.map((p) => p.title), posts.map((p) => p.title));

    // The app checks and restores it too, into a new folder, never over this one.
    await page.getByLabel('Backup file').fill(backupFile);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByTestId('backup-manifest').getByText('Kopi Nusantara').waitFor({ timeout: T });
    await page.getByTestId('backup-manifest').getByText('Posts: 3 · Members: 1').waitFor({ timeout: T });
    const target = path.join(tmpDataDir('postdeck-restored-'), 'from-app');
    await page.getByLabel('Restore into the new folder').fill(target);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByTestId('backup-restored').getByText(`Restored into ${target}.`).waitFor({ timeout: T });
    assert.equal((await cliJSON(target, 'post', 'list', '--json')).length, 3);

    // Round trip through a spreadsheet: an import that changes existing
    // posts offers a backup first, into the folder chosen in Settings.
    const exported = path.join(csvDir, 'export.csv');
    await cli(dataDir, 'export', 'csv', '--out', exported);
    fs.writeFileSync(exported, fs.readFileSync(exported, 'utf8').replace('Kuis Jumat', 'Kuis Jumat (hadiah kopi)'));
    await page.keyboard.press('Control+K');
    await page.getByPlaceholder('Search posts or type a command…').fill('Import and export');
    await page.getByRole('button', { name: 'Import and export posts' }).click();
    await page.getByLabel('CSV file').fill(exported);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('1 updated').waitFor({ timeout: T });
    await page.getByText('2 unchanged').waitFor({ timeout: T });
    const offer = page.getByRole('checkbox', { name: /Back up the workspace first/ });
    assert.equal(await offer.isChecked(), true, 'the backup is offered, and on by default');
    const before = fs.readdirSync(backups).length;
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByTestId('csv-result').getByText('Imported: 0 added, 1 updated, 2 unchanged, 0 skipped.').waitFor({ timeout: T });
    await page.getByTestId('csv-result').getByText(/A backup was made first: /).waitFor({ timeout: T });
    assert.equal(fs.readdirSync(backups).length, before + 1, 'the backup is in the folder chosen in Settings');
    assert.ok((await cliJSON(dataDir, 'post', 'list', '--json')).some((p) => p.title === 'Kuis Jumat (hadiah kopi)'));
    await page.getByText('Settings', { exact: true }).first().click();

    // A damaged backup is refused with a clear message.
    const raw = fs.readFileSync(backupFile);
    raw[Math.floor(raw.length / 3)] ^= 0xff;
    const damaged = path.join(backups, 'damaged.zip');
    fs.writeFileSync(damaged, raw);
    const r = await cliResult(path.join(backups, 'never'), 'restore', damaged);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the backup is damaged/);
    await page.getByLabel('Backup file').fill(damaged);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByText(/The backup is damaged \(.+ does not match its checksum\)/).waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
