// End-to-end: the Style guide page against the real backend. A new workspace
// starts with the example guide; a banned phrase with its replacement is
// added through the window, listed, exported as Markdown, and the page reads
// in Bahasa Indonesia.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, openBrowser, tmpDataDir, cliJSON, onboard, saveFailureArtifacts } from './harness.mjs';

const T = 20_000;

test('add a banned phrase with a replacement, see it listed, export Markdown, read the page in Bahasa Indonesia', async (t) => {
  const dataDir = tmpDataDir();
  const app = await startApp({ dataDir, name: 'styleguide' });
  const browser = await openBrowser();
  const page = browser.page;
  try {
    await onboard(page, app.url);
    await page.locator('nav').getByText('Style guide', { exact: true }).click();
    await page.getByRole('heading', { name: 'Style guide', exact: true }).waitFor({ timeout: T });
    // The example guide in the workspace's language.
    await page.getByTestId('guide-example').waitFor({ timeout: T });
    const banned = page.getByTestId('guide-section-banned');
    await banned.getByText(/cheapest → instead: affordable/).waitFor({ timeout: T });

    await page.getByRole('button', { name: 'Add to Banned words and phrases' }).click();
    await page.getByLabel('Phrase', { exact: true }).fill('murah banget');
    await page.getByLabel('Suggested replacement', { exact: true }).fill('hemat');
    await page.getByLabel('Why', { exact: true }).fill('Terdengar murahan');
    await page.getByRole('button', { name: 'Save' }).click();
    await banned.getByText('murah banget → instead: hemat').waitFor({ timeout: T });
    await banned.getByText('Why: Terdengar murahan').waitFor({ timeout: T });

    // The backend holds it.
    const guide = await cliJSON(dataDir, 'styleguide', 'show', '--json');
    const entries = guide.sections.find((s) => s.section === 'banned').entries;
    const added = entries.find((e) => e.text === 'murah banget');
    assert.equal(added?.replacement, 'hemat');
    assert.equal(added?.example, false);

    // Export as Markdown, in English.
    const out = tmpDataDir('postdeck-guide-');
    await page.getByLabel('Save in folder').fill(out);
    await page.getByRole('button', { name: 'Markdown', exact: true }).click();
    await page.getByTestId('guide-exported').waitFor({ timeout: T });
    const md = fs.readFileSync(path.join(out, 'style-guide.md'), 'utf8');
    assert.match(md, /^# Style guide/);
    assert.match(md, /## Banned words and phrases\n\n(- .*\n(  - .*\n)*)*- murah banget \(warning\)\n  - Instead: hemat\n  - Why: Terdengar murahan\n/);

    // The page in Bahasa Indonesia.
    await page.locator('nav').getByText('Settings', { exact: true }).click();
    await page.getByText('Bahasa Indonesia').first().click();
    await page.getByRole('heading', { name: 'Pengaturan' }).waitFor({ timeout: T });
    await page.locator('nav').getByText('Panduan gaya', { exact: true }).click();
    await page.getByRole('heading', { name: 'Panduan gaya', exact: true }).waitFor({ timeout: T });
    const terlarang = page.getByTestId('guide-section-banned');
    await terlarang.getByRole('heading', { name: 'Kata dan frasa terlarang' }).waitFor({ timeout: T });
    await terlarang.getByText('murah banget → gantinya: hemat').waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Hapus contoh' }).waitFor({ timeout: T });
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  } catch (err) {
    await saveFailureArtifacts(page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
