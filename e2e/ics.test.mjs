// End-to-end: calendar files. Exports are read by two independent parsers
// (ical.js, the one Thunderbird uses, and node-ical); a freelancer's feed is
// made in the window and lands in the shared folder; a holiday calendar is
// imported in the window and shown as a layer that can be switched off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startApp, openBrowser, onboard, tmpDataDir, cli, cliJSON, cliResult, saveFailureArtifacts, until } from './harness.mjs';

const require = createRequire(import.meta.url);
const ICAL = require('ical.js');
const nodeIcal = require('node-ical');

const T = 20_000;
const IG = '[Instagram] ';
const TRICKY = 'Promo, diskon; 50% \\ hemat ☕🎉';
const LONG = `Baris satu: ${'kopi susu gula aren ☕ '.repeat(8)}\nBaris dua, dengan; tanda\\miring 🎉`;

/** A workspace in zone with a weekly series across a DST change, a tricky post and an all-day post. */
async function workspaceIn(zone) {
  const dir = tmpDataDir();
  await cli(dir, 'workspace', 'set', '--name', 'Kopi Nusantara', '--time-zone', zone);
  const budi = await cliJSON(dir, 'member', 'add', '--name', 'Budi', '--role', 'freelancer', '--freelancer', '--json');
  const ig = await cliJSON(dir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopinusantara', '--json');
  const series = await cliJSON(dir, 'post', 'add', '--title', 'Tips Senin', '--text', 'Tip minggu ini', '--channel', ig.id,
    '--date', '2027-03-15', '--time', '09:00', '--repeat', 'weekly', '--count', '5', '--owner', budi.id, '--json');
  await cli(dir, 'post', 'skip', series.id, '2027-03-22');
  await cli(dir, 'post', 'update', series.id, '--occurrence', '2027-04-05', '--title', 'Tips Senin (Selasa)',
    '--date', '2027-04-06', '--time', '11:00');
  const tricky = await cliJSON(dir, 'post', 'add', '--title', TRICKY, '--text', LONG, '--channel', ig.id,
    '--date', '2027-03-28', '--time', '10:00', '--owner', budi.id, '--json');
  const allDay = await cliJSON(dir, 'post', 'add', '--title', 'Hari kopi', '--date', '2027-03-30', '--owner', budi.id, '--json');
  return { dir, budi, series, tricky, allDay };
}

/** occurrencesICALjs expands every event with ical.js, using only the file's own VTIMEZONE blocks. */
function occurrencesICALjs(text, until) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const byUID = new Map();
  for (const ve of cal.getAllSubcomponents('vevent')) {
    const ev = new ICAL.Event(ve);
    const entry = byUID.get(ev.uid) ?? { master: null, exceptions: [] };
    if (ev.isRecurrenceException()) entry.exceptions.push(ev);
    else entry.master = ev;
    byUID.set(ev.uid, entry);
  }
  const out = [];
  for (const { master, exceptions } of byUID.values()) {
    for (const ex of exceptions) master.relateException(ex);
    if (!master.isRecurring()) {
      out.push({ uid: master.uid, summary: master.summary, start: iso(master.startDate), description: master.description });
      continue;
    }
    const it = master.iterator();
    for (let next = it.next(); next && next.toJSDate() < until; next = it.next()) {
      const d = master.getOccurrenceDetails(next);
      out.push({ uid: master.uid, summary: d.item.summary, start: iso(d.startDate), description: d.item.description });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

function iso(t) {
  return t.isDate ? t.toString().slice(0, 10) : t.toJSDate().toISOString();
}

/** occurrencesNodeIcal expands every event with node-ical (rrule.js underneath, zones from the TZID name). */
function occurrencesNodeIcal(text, until) {
  const data = nodeIcal.sync.parseICS(text);
  const out = [];
  for (const ev of Object.values(data)) {
    if (ev.type !== 'VEVENT') continue;
    const when = (d) => (d.dateOnly ? localDay(d) : d.toISOString());
    if (!ev.rrule) {
      out.push({ uid: ev.uid, summary: ev.summary, start: when(ev.start), description: ev.description });
      continue;
    }
    const skipped = new Set(Object.values(ev.exdate ?? {}).map((d) => d.toISOString()));
    const edited = new Map(Object.values(ev.recurrences ?? {}).map((r) => [r.recurrenceid.toISOString(), r]));
    for (const start of ev.rrule.between(new Date(0), until, true)) {
      const key = start.toISOString();
      if (skipped.has(key)) continue;
      const r = edited.get(key);
      out.push(r ? { uid: ev.uid, summary: r.summary, start: when(r.start), description: r.description }
        : { uid: ev.uid, summary: ev.summary, start: when(start), description: ev.description });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

function localDay(d) {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: d.tz ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return p.slice(0, 10);
}

function assertFoldedUTF8(bytes) {
  const text = bytes.toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'lines end with CRLF');
  const lines = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
    }
  }
  let folded = 0;
  for (const [n, line] of lines.entries()) {
    assert.ok(line.length <= 75, `line ${n + 1} has ${line.length} octets`);
    assert.ok(!line.includes(0x0a) && !line.includes(0x0d), `line ${n + 1} has a bare line break`);
    // A line that starts or ends inside a UTF-8 sequence does not decode on its own.
    assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(line), `line ${n + 1} splits a UTF-8 character`);
    if (line[0] === 0x20) folded++;
  }
  assert.ok(folded >= 2, 'long lines were folded');
  assert.ok(!text.includes('METHOD:'), 'a subscription feed has no METHOD');
}

for (const { zone, expected } of [
  {
    zone: 'Europe/Berlin',
    // 09:00 in Berlin: 08:00 UTC in winter time, 07:00 UTC from 28 March 2027.
    expected: [
      ['2027-03-15T08:00:00.000Z', IG + 'Tips Senin'],
      ['2027-03-28T08:00:00.000Z', IG + TRICKY],
      ['2027-03-29T07:00:00.000Z', IG + 'Tips Senin'],
      ['2027-03-30', 'Hari kopi'],
      ['2027-04-06T09:00:00.000Z', IG + 'Tips Senin (Selasa)'],
      ['2027-04-12T07:00:00.000Z', IG + 'Tips Senin'],
    ],
  },
  {
    zone: 'Asia/Jakarta',
    // Jakarta keeps UTC+7 all year.
    expected: [
      ['2027-03-15T02:00:00.000Z', IG + 'Tips Senin'],
      ['2027-03-28T03:00:00.000Z', IG + TRICKY],
      ['2027-03-29T02:00:00.000Z', IG + 'Tips Senin'],
      ['2027-03-30', 'Hari kopi'],
      ['2027-04-06T04:00:00.000Z', IG + 'Tips Senin (Selasa)'],
      ['2027-04-12T02:00:00.000Z', IG + 'Tips Senin'],
    ],
  },
]) {
  test(`an export in ${zone} reads the same in ical.js and node-ical: occurrences, UTC times, text`, async () => {
    const ws = await workspaceIn(zone);
    const file = path.join(ws.dir, 'budi.ics');
    await cli(ws.dir, 'export', 'ics', '--out', file, '--member', ws.budi.id);
    const bytes = fs.readFileSync(file);
    assertFoldedUTF8(bytes);
    const text = bytes.toString('utf8');
    const until = new Date('2028-01-01T00:00:00Z');
    for (const [name, got] of [['ical.js', occurrencesICALjs(text, until)], ['node-ical', occurrencesNodeIcal(text, until)]]) {
      assert.deepEqual(got.map((o) => [o.start, o.summary]), expected, `${name} occurrences`);
      const tricky = got.find((o) => o.uid === `${ws.tricky.id}@postdeck`);
      assert.ok(tricky.description.includes(LONG), `${name}: the text comes back as written: ${JSON.stringify(tricky.description)}`);
      assert.ok(new Set(got.filter((o) => o.summary.includes('Tips Senin')).map((o) => o.uid)).size === 1, `${name}: one UID for the series`);
    }
  });
}

test('a re-export keeps UIDs, raises SEQUENCE of what changed, and drops a deleted post', async () => {
  const ws = await workspaceIn('Asia/Jakarta');
  const first = await cli(ws.dir, 'export', 'ics', '--out', '-', '--member', ws.budi.id);
  await new Promise((r) => setTimeout(r, 1100));
  await cli(ws.dir, 'post', 'update', ws.tricky.id, '--title', 'Promo baru');
  await cli(ws.dir, 'post', 'delete', ws.allDay.id);
  const second = await cli(ws.dir, 'export', 'ics', '--out', '-', '--member', ws.budi.id);
  const events = (text) => new Map(new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')
    .map((v) => [`${v.getFirstPropertyValue('uid')}|${v.getFirstPropertyValue('recurrence-id') ?? ''}`, v]));
  const a = events(first);
  const b = events(second);
  const key = `${ws.tricky.id}@postdeck|`;
  assert.equal(b.get(key).getFirstPropertyValue('summary'), '[Instagram] Promo baru');
  assert.ok(b.get(key).getFirstPropertyValue('sequence') > a.get(key).getFirstPropertyValue('sequence'), 'SEQUENCE grows');
  assert.ok(!b.has(`${ws.allDay.id}@postdeck|`), 'the deleted post is gone');
  assert.equal(b.size, a.size - 1);
});

test('a broken .ics import names the line and changes nothing', async () => {
  const dir = tmpDataDir();
  const file = path.join(dir, 'libur.ics');
  fs.writeFileSync(file, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:2027-08-17\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
  const r = await cliResult(dir, 'import', 'ics', file);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line 5/);
  const status = await cliJSON(dir, 'sync', 'status', '--json');
  assert.equal(status.outgoing, 0, 'nothing was written');
});

test('a freelancer feed made in the window appears in the shared folder with only their posts; a holiday calendar shows as a layer', async (t) => {
  const dataDir = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  const app = await startApp({ dataDir, name: 'ics' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    await cli(dataDir, 'sync', 'connect', shared, '--plain');

    const budi = await cliJSON(dataDir, 'member', 'add', '--name', 'Budi', '--role', 'freelancer', '--freelancer', '--json');
    const ana = await cliJSON(dataDir, 'member', 'add', '--name', 'Ana', '--role', 'content_creator', '--json');
    const month = new Date().toISOString().slice(0, 7);
    const his = await cliJSON(dataDir, 'post', 'add', '--title', 'Foto latte art', '--date', `${month}-10`, '--time', '09:30', '--owner', budi.id, '--json');
    const hers = await cliJSON(dataDir, 'post', 'add', '--title', 'Video seduh', '--date', `${month}-11`, '--owner', ana.id, '--json');

    // The feed, in the window.
    await page.getByText('Calendar files', { exact: true }).first().click();
    await page.getByTestId('feeds-empty').waitFor({ timeout: T });
    await page.getByRole('button', { name: 'New feed' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Name', { exact: true }).fill('Budi (freelancer)');
    await drawer.getByRole('combobox', { name: 'Only the posts of' }).click();
    await page.getByRole('option', { name: 'Budi (freelancer)' }).click();
    await drawer.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('feed-row').getByText('budi-freelancer.ics').waitFor({ timeout: T });

    const feedFile = path.join(shared, 'postdeck', (await cliJSON(dataDir, 'workspace', 'show', '--json')).id, 'feeds', 'budi-freelancer.ics');
    await until(() => fs.existsSync(feedFile));
    let text = fs.readFileSync(feedFile, 'utf8');
    const uids = () => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    assert.deepEqual(uids(), [`${his.id}@postdeck`], 'only Budi\'s post');
    assert.ok(!text.includes('Video seduh'));

    // A change rewrites it; an unchanged feed is left alone.
    const before = fs.statSync(feedFile).mtimeMs;
    const later = await cliJSON(dataDir, 'post', 'add', '--title', 'Reels gula aren', '--date', `${month}-12`, '--owner', budi.id, '--json');
    await until(() => fs.readFileSync(feedFile, 'utf8').includes('Reels gula aren'));
    text = fs.readFileSync(feedFile, 'utf8');
    assert.deepEqual(uids().sort(), [`${his.id}@postdeck`, `${later.id}@postdeck`].sort());
    assert.ok(fs.statSync(feedFile).mtimeMs >= before);
    const stamp = fs.statSync(feedFile).mtimeMs;
    await cli(dataDir, 'post', 'update', hers.id, '--title', 'Video seduh V60');
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(fs.statSync(feedFile).mtimeMs, stamp, 'a change outside the feed does not rewrite it');

    // A holiday calendar, imported in the window, shows as a layer.
    const holidays = path.join(dataDir, 'libur-nasional.ics');
    fs.writeFileSync(holidays, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//ID//\r\nX-WR-CALNAME:Libur nasional\r\n' +
      `BEGIN:VEVENT\r\nUID:libur-1@test\r\nDTSTART;VALUE=DATE:${month.replace('-', '')}15\r\nSUMMARY:Hari Libur Uji\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);
    await page.locator('input[type=file]').setInputFiles(holidays);
    await page.getByTestId('layer-result').getByText('Libur nasional: 1 added').waitFor({ timeout: T });

    await page.getByText('Calendar', { exact: true }).first().click();
    const holiday = page.locator(`[data-date="${month}-15"] .fc-event`, { hasText: 'Hari Libur Uji' });
    await holiday.waitFor({ timeout: T });
    await page.getByTestId('layers-card').getByRole('switch', { name: 'Show Libur nasional on the calendar' }).click({ force: true });
    await holiday.waitFor({ state: 'detached', timeout: T });
    await page.getByTestId('layers-card').getByRole('switch', { name: 'Show Libur nasional on the calendar' }).click({ force: true });
    await holiday.waitFor({ timeout: T });
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
