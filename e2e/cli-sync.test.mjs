// Two data folders, two processes, one shared folder, the command line only:
// what a script or a machine without a display does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpDataDir, cli, cliJSON, cliResult, confirmWaiting } from './harness.mjs';

const names = async (dir) => (await cliJSON(dir, 'member', 'list', '--json')).map((m) => m.name);

test('two data folders sync through a shared folder with the command line only', async () => {
  const a = tmpDataDir();
  const b = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');

  await cli(a, 'member', 'add', '--name', 'Ana', '--role', 'social_media_manager');
  const connected = await cliJSON(a, 'sync', 'connect', shared, '--plain', '--json');
  assert.ok(connected.pushed > 0);

  const found = await cliJSON(b, 'sync', 'scan', shared, '--json');
  assert.equal(found.length, 1);
  await cliJSON(b, 'sync', 'join', shared, '--json');
  assert.deepEqual(await names(b), ['Ana']);

  await cli(b, 'member', 'add', '--name', 'Budi', '--role', 'copywriter');
  await cli(a, 'member', 'add', '--name', 'Citra', '--role', 'video_editor');
  // Processes interleave: each syncs once, then once more to receive.
  await cli(b, 'sync', '--once');
  // B's changes wait on A until A confirms the new computer.
  const waiting = await cliJSON(a, 'sync', '--once', '--json');
  assert.equal(waiting.applied, 0);
  assert.ok(waiting.issues.some((i) => i.code === 'sync.device_waiting'), JSON.stringify(waiting.issues));
  await confirmWaiting(a);
  await cli(a, 'sync', '--once');
  await cli(b, 'sync', '--once');
  assert.deepEqual(await names(a), ['Ana', 'Budi', 'Citra']);
  assert.deepEqual(await names(b), ['Ana', 'Budi', 'Citra']);

  const status = await cliJSON(a, 'sync', 'status', '--json');
  assert.equal(status.outgoing, 0);
  assert.equal(status.devices.length, 1);

  // Sync on a folder that went away pauses with a clear message and keeps the data.
  const gone = tmpDataDir('postdeck-gone-');
  const c = tmpDataDir();
  await cli(c, 'member', 'add', '--name', 'Dewi', '--role', 'copywriter');
  await cliJSON(c, 'sync', 'connect', gone, '--plain', '--json');
  const { rmSync } = await import('node:fs');
  rmSync(gone, { recursive: true, force: true });
  const r = await cliResult(c, 'sync', '--once');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /sync\.folder_missing/);
  assert.deepEqual(await names(c), ['Dewi']);
});

test('an emptied shared folder heals with the command line only', async () => {
  const { rmSync } = await import('node:fs');
  const path = await import('node:path');
  const a = tmpDataDir();
  const b = tmpDataDir();
  const c = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');
  await cli(a, 'member', 'add', '--name', 'Ana', '--role', 'social_media_manager');
  await cliJSON(a, 'sync', 'connect', shared, '--plain', '--json');
  await cliJSON(b, 'sync', 'join', shared, '--json');
  await cli(b, 'member', 'add', '--name', 'Budi', '--role', 'copywriter');
  await cli(b, 'sync', '--once');
  await confirmWaiting(a);
  await cli(a, 'sync', '--once');

  rmSync(path.join(shared, 'postdeck'), { recursive: true, force: true });
  // sync --once says what happened, on standard output too with --json.
  const stopped = await cliResult(a, 'sync', '--once', '--json');
  assert.equal(stopped.code, 2);
  assert.equal(JSON.parse(stopped.stdout).error.code, 'sync.folder_emptied');
  assert.match(stopped.stderr, /sync republish/);
  // Nothing to join yet, and the refusal says so.
  const early = await cliResult(c, 'sync', 'join', shared);
  assert.notEqual(early.code, 0);

  const republished = await cliJSON(a, 'sync', 'republish', '--json');
  assert.equal(republished.conflicts, 0);
  // B had everything: it carries on with nothing new and no conflict.
  const onB = await cliJSON(b, 'sync', '--once', '--json');
  assert.equal(onB.conflicts, 0);
  assert.deepEqual(await cliJSON(b, 'sync', 'conflicts', '--json'), []);
  assert.deepEqual(await names(b), ['Ana', 'Budi']);
  await cliJSON(c, 'sync', 'join', shared, '--json');
  assert.deepEqual(await names(c), ['Ana', 'Budi']);
});
