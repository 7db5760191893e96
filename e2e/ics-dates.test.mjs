// End-to-end: calendar files with posts far ahead (2038, 2040, 2100) in a zone
// with daylight saving, exported by the real binary and read back by two real
// parsers (ical.js with only the file's own VTIMEZONE, and node-ical). Before
// the fix `export ics` never finished for a timed post past 2037 in such a zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { tmpDataDir, cli, cliResult } from './harness.mjs';

const require = createRequire(import.meta.url);
const ICAL = require('ical.js');
const nodeIcal = require('node-ical');

// Wall clock 10:00 in Europe/Berlin, as UTC instants: CET (+01) in winter, CEST (+02) in summer.
const POSTS = [
  { date: '2038-02-01', time: '10:00', utc: '2038-02-01T09:00:00.000Z' },
  { date: '2038-07-01', time: '10:00', utc: '2038-07-01T08:00:00.000Z' },
  { date: '2040-12-31', time: '10:00', utc: '2040-12-31T09:00:00.000Z' },
  { date: '2100-03-28', time: '10:00', utc: '2100-03-28T08:00:00.000Z' }, // the day after the 2100 spring change
  { date: '2100-07-01', time: '10:00', utc: '2100-07-01T08:00:00.000Z' },
  { date: '2100-10-31', time: '10:00', utc: '2100-10-31T09:00:00.000Z' }, // the day after the 2100 autumn change
];

test('posts in 2038 and 2100 in Europe/Berlin export at once and parse to the planned instants', { timeout: 120_000 }, async () => {
  const dir = tmpDataDir();
  await cli(dir, 'workspace', 'set', '--name', 'Kopi', '--time-zone', 'Europe/Berlin');
  for (const p of POSTS) await cli(dir, 'post', 'add', '--title', `Post ${p.date}`, '--date', p.date, '--time', p.time);
  await cli(dir, 'post', 'add', '--title', 'Label', '--date', '2038-02-02', '--label', 'promo, ramadan', '--label', 'kopi');
  const out = path.join(dir, 'x.ics');
  const r = await cliResult(dir, 'export', 'ics', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const text = fs.readFileSync(out, 'utf8');

  // ical.js, with the zone known only from the file.
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const byTitle = new Map(cal.getAllSubcomponents('vevent').map((ve) => {
    const ev = new ICAL.Event(ve);
    return [ev.summary, ev.startDate.toJSDate().toISOString()];
  }));
  // node-ical, which maps the TZID to its own zone data.
  const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter((e) => e.type === 'VEVENT');
  const byTitleNode = new Map(parsed.map((e) => [e.summary, e.start.toISOString()]));
  // A label with a comma is one category.
  const labelled = cal.getAllSubcomponents('vevent').find((ve) => ve.getFirstPropertyValue('summary') === 'Label');
  assert.deepEqual(labelled.getAllProperties('categories').flatMap((p) => p.getValues()), ['promo, ramadan', 'kopi']);
  for (const p of POSTS) {
    assert.equal(byTitle.get(`Post ${p.date}`), p.utc, `ical.js: ${p.date}`);
    assert.equal(byTitleNode.get(`Post ${p.date}`), p.utc, `node-ical: ${p.date}`);
  }
});

test('a date outside 1900-2199 is refused with its own error', { timeout: 60_000 }, async () => {
  const dir = tmpDataDir();
  const r = await cliResult(dir, 'post', 'add', '--title', 't', '--date', '9999-12-31');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /post\.date_out_of_range/);
});
