// onboard.mjs DATA_DIR JSON: finishes first-run onboarding of the workspace in
// DATA_DIR, as the window's first-run screen would, by calling the Go binding
// Workspace.Onboard(JSON) from the page of the dev build (the command line has
// no onboarding command). Prints the workspace info. Used by scripts/screenshot.sh.
//   node e2e/tools/onboard.mjs /tmp/ws '{"workspaceName":"Kopi Nusantara","timeZone":"Asia/Jakarta","me":{"name":"Sari","roles":["social_media_manager"]}}'
import { startApp, openBrowser, saveFailureArtifacts } from '../harness.mjs';

const [dataDir, json] = process.argv.slice(2);
if (!dataDir || !json) {
  console.error('usage: node e2e/tools/onboard.mjs DATA_DIR ONBOARD_INPUT_JSON');
  process.exit(2);
}
const input = JSON.parse(json);
const app = await startApp({ dataDir, name: 'onboard' });
const browser = await openBrowser();
let code = 0;
try {
  await browser.page.goto(app.url);
  await browser.page.waitForFunction(() => window.go?.api?.Workspace?.Onboard, null, { timeout: 15_000 });
  const info = await browser.page.evaluate((arg) => window.go.api.Workspace.Onboard(arg), input);
  console.log(JSON.stringify(info, null, 2));
} catch (err) {
  await saveFailureArtifacts(browser.page, 'onboard');
  console.error(`onboard: ${err.message}`);
  code = 1;
} finally {
  await browser.close();
  await app.stop();
}
process.exit(code);
