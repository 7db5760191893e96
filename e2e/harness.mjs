// Harness for the end-to-end tests: the real Postdeck binary (dev build) under
// Xvfb serving the built frontend with working Go bindings, a headless Chromium
// driven by playwright-core, the binary's own command line, and throw-away data
// folders. Build the binary first: `make test-e2e` does, or
//   go build -tags dev,sqlite_fts5 -o build/bin/postdeck-e2e .
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The dev-tagged binary: window + dev server (devserver/assetdir env) or headless CLI. */
export const appBinary = process.env.POSTDECK_E2E_BIN || path.join(repoRoot, 'build/bin/postdeck-e2e');
export const assetDir = path.join(repoRoot, 'frontend/dist');
/** Logs, failure screenshots and page HTML (gitignored). */
export const artifactsDir = path.join(repoRoot, 'e2e/.artifacts');
export const chromiumPath = process.env.POSTDECK_E2E_CHROMIUM || '/usr/bin/chromium';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

// What must go away when this process ends, even after a crash or a failed test:
// app process groups (killed) and temp folders (removed), in that order.
const runningGroups = new Set();
const tempDirs = new Set();
process.on('exit', () => {
  for (const pgid of runningGroups) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (process.env.POSTDECK_E2E_KEEP) {
    if (tempDirs.size) process.stderr.write(`e2e: kept temp dirs:\n  ${[...tempDirs].join('\n  ')}\n`);
    return;
  }
  for (const dir of tempDirs) {
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => process.exit(130));
}

function mustExist(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

function slug(s) {
  return String(s).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'unnamed';
}

function stamp() {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** tmpDataDir returns a fresh, empty temp folder, removed when the process exits. */
export function tmpDataDir(prefix = 'postdeck-e2e-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** freePort asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** groupMembers lists the processes of process group pgid as { pid, comm }. */
function groupMembers(pgid) {
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' '); // state ppid pgrp ...
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') {
      out.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, close) });
    }
  }
  return out;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 60) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * startApp starts the dev build of the app in its own process group under
 * xvfb-run, serving frontend/dist and the Go bindings on a free port, with its
 * workspace in dataDir. It resolves once http://127.0.0.1:PORT/ answers.
 * @param {{ dataDir: string, env?: Record<string,string>, name?: string }} opts
 * @returns {Promise<{ url: string, port: number, pid: number, logFile: string, stop: () => Promise<void> }>}
 */
export async function startApp({ dataDir, env = {}, name = 'app' } = {}) {
  if (!dataDir) throw new Error('startApp: dataDir is required (use tmpDataDir())');
  mustExist(appBinary, 'build it with `make test-e2e` or `go build -tags dev,sqlite_fts5 -o build/bin/postdeck-e2e .`');
  mustExist(path.join(assetDir, 'index.html'), 'build the frontend with `make frontend`');
  fs.mkdirSync(artifactsDir, { recursive: true });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const logFile = path.join(artifactsDir, `${slug(name)}-${stamp()}-${port}.log`);
  const logFd = fs.openSync(logFile, 'a');
  // detached: the child calls setsid(), as `setsid xvfb-run …` would, so the
  // shell of xvfb-run, Xvfb and the app share one process group that stop()
  // can kill at once. (Spawning the setsid(1) command itself instead would
  // fork when it is already a group leader and leave us the wrong pid.)
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', appBinary], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      devserver: `127.0.0.1:${port}`,
      assetdir: assetDir,
      POSTDECK_DATA_DIR: dataDir,
      ...env,
    },
  });
  fs.closeSync(logFd);
  const pgid = child.pid;
  runningGroups.add(pgid);

  let exited = null;
  const exitedP = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // First the app alone: it shuts down cleanly (closing its database), and
    // xvfb-run then stops Xvfb and removes its temp files itself. Whatever is
    // left after a while gets SIGTERM, then SIGKILL, as a group.
    const waitGone = async (ms) => {
      const deadline = Date.now() + ms;
      while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
      return !groupAlive(pgid);
    };
    const app = groupMembers(pgid).filter((p) => p.comm !== 'Xvfb' && p.comm !== 'xvfb-run' && p.pid !== pgid);
    for (const p of app) {
      try { process.kill(p.pid, 'SIGTERM'); } catch { /* gone */ }
    }
    if (!(app.length && (await waitGone(STOP_TIMEOUT_MS)))) {
      try { process.kill(-pgid, 'SIGTERM'); } catch { /* gone */ }
      if (!(await waitGone(STOP_TIMEOUT_MS))) {
        try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
        await waitGone(STOP_TIMEOUT_MS);
      }
    }
    await Promise.race([exitedP, sleep(STOP_TIMEOUT_MS)]);
    runningGroups.delete(pgid);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      await stop();
      const why = exited.error ? exited.error.message : `exit code ${exited.code}, signal ${exited.signal}`;
      throw new Error(`the app exited before it answered on ${url} (${why}); log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        await res.arrayBuffer();
        break;
      }
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s; log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  return { url, port, pid: pgid, logFile, stop };
}

// Browser console output and page errors per page, for saveFailureArtifacts.
const consoleLogs = new WeakMap();

function recordConsole(page) {
  const lines = [];
  consoleLogs.set(page, lines);
  page.on('console', (msg) => lines.push(`[${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => lines.push(`[pageerror] ${err.stack || err.message}`));
}

/**
 * openBrowser launches headless Chromium (the system's /usr/bin/chromium) with
 * a fresh profile. close() closes it and removes the profile.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function openBrowser() {
  mustExist(chromiumPath, 'install the Debian package chromium (scripts/setup.sh does)');
  const profile = tmpDataDir('postdeck-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.on('page', recordConsole);
  const page = context.pages()[0] ?? (await context.newPage());
  if (!consoleLogs.has(page)) recordConsole(page);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    tempDirs.delete(profile);
  };
  return { context, page, close };
}

/**
 * cliResult runs the binary's command line headless on dataDir and returns
 * { code, stdout, stderr } whatever the exit code (for tests of refusals).
 */
export function cliResult(dataDir, ...args) {
  mustExist(appBinary, 'build it with `make test-e2e`');
  return new Promise((resolve, reject) => {
    // No DISPLAY: subcommands must not need one.
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    execFile(appBinary, ['--data-dir', dataDir, ...args], { env, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') return reject(err);
        resolve({ code: err ? err.code : 0, stdout, stderr });
      });
  });
}

/** cli runs `postdeck-e2e --data-dir DIR ...args` and returns its stdout; it throws unless the exit code is 0. */
export async function cli(dataDir, ...args) {
  const r = await cliResult(dataDir, ...args);
  if (r.code !== 0) {
    throw new Error(`postdeck ${args.join(' ')} exited with ${r.code}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

/** cliJSON is cli with the output parsed as JSON (pass --json yourself). */
export async function cliJSON(dataDir, ...args) {
  const out = await cli(dataDir, ...args);
  try {
    return JSON.parse(out);
  } catch (err) {
    throw new Error(`postdeck ${args.join(' ')} printed no JSON (${err.message}):\n${out}`);
  }
}

/**
 * saveFailureArtifacts writes a full-page screenshot, the page's HTML and its
 * console output to e2e/.artifacts/NAME-TIME.{png,html,console.log}. It never
 * throws: call it in a catch block before rethrowing.
 */
export async function saveFailureArtifacts(page, name = 'failure') {
  const base = path.join(artifactsDir, `${slug(name)}-${stamp()}`);
  const saved = [];
  try {
    fs.mkdirSync(artifactsDir, { recursive: true });
    if (page && !page.isClosed()) {
      await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }).then(() => saved.push(`${base}.png`), () => {});
      await page.content().then((html) => {
        fs.writeFileSync(`${base}.html`, html);
        saved.push(`${base}.html`);
      }, () => {});
    }
    const lines = page && consoleLogs.get(page);
    if (lines && lines.length) {
      fs.writeFileSync(`${base}.console.log`, lines.join('\n') + '\n');
      saved.push(`${base}.console.log`);
    }
  } catch { /* best effort */ }
  if (saved.length) process.stderr.write(`e2e: saved ${saved.join(', ')}\n`);
  return saved;
}

/**
 * onboard opens the app's first run and names the workspace and its first
 * member, then waits for the calendar.
 */
export async function onboard(page, url, { workspace = 'Kopi Nusantara', name = 'Sari' } = {}) {
  await page.goto(url);
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start using Postdeck' }).click();
  await page.getByRole('heading', { name: 'Content calendar' }).waitFor({ timeout: 20_000 });
}

/** until polls cond (sync or async) until it is true, or fails after timeout ms. */
export async function until(cond, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * confirmWaiting confirms, from dataDir, every computer that waits to be
 * confirmed ('device list' and 'device confirm'), as a manager does. It
 * syncs first so the computers that asked are known.
 */
export async function confirmWaiting(dataDir, member = '') {
  await cli(dataDir, 'sync', '--once');
  for (const d of await cliJSON(dataDir, 'device', 'list', '--json')) {
    if (d.state !== 'waiting') continue;
    // In an encrypted folder a new computer cannot say whom it belongs to:
    // the confirmer chooses (device confirm --as), and the sync after it
    // hands the computer the workspace key.
    await cliJSON(dataDir, 'device', 'confirm', d.id, ...(member ? ['--as', member] : []), '--json');
  }
  if (member) await cli(dataDir, 'sync', '--once');
}
