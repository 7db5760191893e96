// End-to-end: one table of network limits. The editor counts X as X does
// (CJK and emoji weigh 2), the team raises X's limit in Settings, the editor
// and `postdeck check` follow, and Reset to default brings 280 back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cliJSON, cliResult, onboard, saveFailureArtifacts } from './harness.mjs';

const T = 20_000;

test('X counts CJK double in the editor; a workspace limit from Settings changes the editor and the CLI; reset to default', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'network-limits' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    const x = await cliJSON(dataDir, 'channel', 'add', '--network', 'x', '--handle', '@kopinus', '--json');
    const text = '咖'.repeat(141);
    const draft = path.join(tmpDataDir('postdeck-draft-'), 'draft.txt');
    fs.writeFileSync(draft, text);

    const countInEditor = async () => {
      await page.getByText('Calendar', { exact: true }).first().click();
      await page.getByRole('button', { name: 'New post' }).click();
      const editor = page.getByRole('dialog');
      await editor.getByLabel('Title').fill('Kopi dari Asia');
      await editor.getByRole('combobox', { name: 'Channels' }).click();
      await page.getByRole('option', { name: 'X @kopinus' }).click();
      await page.keyboard.press('Escape');
      await editor.getByLabel('Text', { exact: true }).fill(text);
      const badge = editor.getByTestId(`count-${x.id}`);
      await badge.waitFor({ timeout: T });
      const shown = (await badge.innerText()).trim();
      await editor.getByRole('button', { name: 'Close', exact: true }).click();
      await editor.waitFor({ state: 'hidden', timeout: T });
      return shown;
    };

    // 141 CJK characters weigh 282 on X: over the 280 limit.
    assert.equal(await countInEditor(), '282 / 280');
    assert.equal((await cliResult(dataDir, 'check', '--network', 'x', draft)).code, 3, 'the CLI agrees it is too long');

    // Settings shows the built-in figure and where it comes from; the team sets 300.
    await page.getByText('Settings', { exact: true }).first().click();
    const table = page.getByRole('table', { name: 'Network limits' });
    await table.waitFor({ timeout: T });
    await table.getByText(/twitter-text/).first().waitFor({ timeout: T });
    const xChars = page.getByRole('textbox', { name: 'Characters on X' });
    assert.equal(await xChars.inputValue(), '280');
    await xChars.fill('300');
    await table.getByRole('button', { name: 'Save' }).click();
    await table.getByText('Changed for this workspace').waitFor({ timeout: T });
    await table.getByText('Default: 280').waitFor({ timeout: T });

    assert.equal(await countInEditor(), '282 / 300');
    const ok = await cliResult(dataDir, 'check', '--network', 'x', '--json', draft);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.equal(JSON.parse(ok.stdout).limit, 300);

    // Back to the built-in figure.
    await page.getByText('Settings', { exact: true }).first().click();
    await table.getByRole('button', { name: 'Reset to default' }).click();
    await table.getByText('Changed for this workspace').waitFor({ state: 'detached', timeout: T });
    assert.equal(await page.getByRole('textbox', { name: 'Characters on X' }).inputValue(), '280');
    assert.equal(await countInEditor(), '282 / 280');
    assert.equal((await cliResult(dataDir, 'check', '--network', 'x', draft)).code, 3);

    // In Bahasa Indonesia: the table, its source line and a refused figure speak Indonesian.
    await page.getByText('Settings', { exact: true }).first().click();
    await page.getByText('Bahasa Indonesia').click();
    const tabel = page.getByRole('table', { name: 'Batas jaringan' });
    await tabel.waitFor({ timeout: T });
    await tabel.getByText('Menghitung seperti X: CJK dan emoji 2, tautan 23').first().waitFor({ timeout: T });
    await page.getByRole('textbox', { name: 'Karakter di Bluesky' }).fill('250');
    await tabel.getByRole('button', { name: 'Simpan' }).click();
    await tabel.getByText('Diubah untuk ruang kerja ini').waitFor({ timeout: T });
    const r = await cliResult(dataDir, 'check', '--network', 'bluesky', '--lang', 'id', draft);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /141 dari 250 karakter di Bluesky\./);
  } catch (err) {
    await saveFailureArtifacts(page, 'network-limits');
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
