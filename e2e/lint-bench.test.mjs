// Benchmark: how long from a keystroke in the post editor to the style
// guide's underline on screen, in headless Chromium against the real backend,
// with a guide of about 500 rules (the example guide plus 500 banned phrases,
// imported through `styleguide import`). The editor records the measure
// pd:lint (frontend/src/shared/lib/perf.ts): from the transaction of the key
// to the frame after the underline was drawn. Figures go to
// e2e/.artifacts/lint-bench.json and docs/BENCHMARKS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cli, cliJSON, onboard, saveFailureArtifacts, until, artifactsDir } from './harness.mjs';
import { typeInEditor } from './editor.mjs';

const T = 20_000;
const SAMPLES = 15;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('keystroke to underline in the post editor, with a guide of 500 banned phrases', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'lint-bench' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url, { name: 'Sari' });
    // 500 banned phrases more, through the guide's own import.
    const file = path.join(tmpDataDir('postdeck-guide-'), 'guide.json');
    await cli(dataDir, 'styleguide', 'export', '--format', 'json', '--out', file);
    const guide = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (let i = 0; i < 500; i++) {
      guide.sections.banned.push({ text: `frasa terlarang ${i}`, reason: 'bench', replacement: `frasa baik ${i}`, severity: i % 2 ? 'warning' : 'error' });
    }
    fs.writeFileSync(file, JSON.stringify(guide));
    await cli(dataDir, 'styleguide', 'import', file);
    const shown = await cliJSON(dataDir, 'styleguide', 'show', '--json');
    const rules = shown.sections.reduce((n, s) => n + s.entries.length, 0);
    assert.ok(rules >= 500, `the guide has ${rules} entries`);

    const ig = await cliJSON(dataDir, 'channel', 'add', '--network', 'instagram', '--handle', '@kopinusantara', '--json');
    const x = await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
    const month = new Date().toISOString().slice(0, 7);
    const post = await cliJSON(dataDir, 'post', 'add', '--title', 'Bench', '--channel', ig.id, '--channel', x.id, '--date', `${month}-10`, '--json');
    await page.reload();
    await page.locator('.fc-event', { hasText: post.title }).first().click();
    const editor = page.getByRole('dialog');
    const box = editor.getByRole('textbox', { name: 'Text', exact: true });
    // A post of a realistic length (about 600 characters) before the phrase.
    const lead = 'Pagi ini kami seduh kopi dari petani mitra di Gayo dan Toraja, ☕ dengan susu aren. '.repeat(7);

    const samples = [];
    for (let i = 0; i < SAMPLES; i++) {
      const phrase = `frasa terlarang ${i * 7}`;
      await typeInEditor(box, `${lead}${phrase.slice(0, -1)}`);
      // Let the checks of the typing settle: no underline on the unfinished phrase.
      await page.waitForTimeout(300);
      const before = await page.evaluate(() => performance.getEntriesByName('pd:lint', 'measure').length);
      await box.press(phrase.at(-1));
      await editor.locator('.cm-lintRange-error, .cm-lintRange-warning', { hasText: phrase }).first().waitFor({ timeout: T });
      let all = [];
      await until(async () => (all = await page.evaluate(() => performance.getEntriesByName('pd:lint', 'measure').map((m) => m.duration))).length > before, T);
      samples.push(Number(all.at(-1).toFixed(1)));
    }
    // The backend's part: the same check called straight through the bridge.
    const rpc = await page.evaluate(async ({ body, channels }) => {
      const out = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        await window.go.api.Calendar.CheckDraft({ title: '', body: `${body} frasa terlarang ${i}`, channels, variants: {}, date: '', time: '', ownerId: '', approverId: '', campaignId: '', labels: [], rating: 'G', repeat: null, exdates: null });
        out.push(Number((performance.now() - t0).toFixed(1)));
      }
      return out;
    }, { body: lead, channels: [ig.id, x.id] });
    const figures = { checkDraftMedianMs: median(rpc), checkDraftSamplesMs: rpc, rules, textLength: lead.length + 20, samplesMs: samples, medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))) };
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'lint-bench.json'), JSON.stringify(figures, null, 2) + '\n');
    process.stderr.write(`keystroke to underline: ${JSON.stringify(figures)}\n`);
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
