// Smoke test of the harness: the app starts under Xvfb, the page loads in
// Chromium, the Go bindings answer from the page, the command line and the
// window share one workspace, and it survives a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openBrowser, tmpDataDir, cliJSON, saveFailureArtifacts } from './harness.mjs';

const names = (members) => members.map((m) => m.name);

test('the app serves the page, its bindings see what the CLI added, and a restart keeps it', async (t) => {
  const dataDir = tmpDataDir();
  const added = await cliJSON(dataDir, 'member', 'add', '--name', 'Smoke Tester', '--role', 'content_creator', '--json');
  assert.equal(added.name, 'Smoke Tester');

  let app = await startApp({ dataDir, name: 'smoke' });
  let browser = await openBrowser();
  try {
    await browser.page.goto(app.url);
    assert.equal(await browser.page.title(), 'Postdeck');
    await browser.page.locator('#root').waitFor({ state: 'attached' });
    await browser.page.waitForFunction(() => window.go?.api?.Team?.ListMembers, null, { timeout: 10_000 });
    const members = await browser.page.evaluate(() => window.go.api.Team.ListMembers());
    assert.deepEqual(names(members), ['Smoke Tester']);
    assert.equal(members[0].id, added.id);
    assert.deepEqual(members[0].roles, ['content_creator']);

    await browser.close();
    await app.stop();

    app = await startApp({ dataDir, name: 'smoke-restart' });
    browser = await openBrowser();
    await browser.page.goto(app.url);
    await browser.page.waitForFunction(() => window.go?.api?.Team?.ListMembers, null, { timeout: 10_000 });
    const again = await browser.page.evaluate(() => window.go.api.Team.ListMembers());
    assert.deepEqual(names(again), ['Smoke Tester']);
    assert.equal(again[0].id, added.id);
  } catch (err) {
    await saveFailureArtifacts(browser.page, t.name);
    throw err;
  } finally {
    await browser.close();
    await app.stop();
  }
});
