// Two data folders, two processes, one shared folder, the command line only:
// what a script or a machine without a display does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpDataDir, cli, cliJSON, cliResult } from './harness.mjs';

const names = async (dir) => (await cliJSON(dir, 'member', 'list', '--json')).map((m) => m.name);

test('two data folders sync through a shared folder with the command line only', async () => {
  const a = tmpDataDir();
  const b = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');

  await cli(a, 'member', 'add', '--name', 'Ana', '--role', 'social_media_manager');
  const connected = await cliJSON(a, 'sync', 'connect', shared, '--json');
  assert.ok(connected.pushed > 0);

  const found = await cliJSON(b, 'sync', 'scan', shared, '--json');
  assert.equal(found.length, 1);
  await cliJSON(b, 'sync', 'join', shared, '--json');
  assert.deepEqual(await names(b), ['Ana']);

  await cli(b, 'member', 'add', '--name', 'Budi', '--role', 'copywriter');
  await cli(a, 'member', 'add', '--name', 'Citra', '--role', 'video_editor');
  // Processes interleave: each syncs once, then once more to receive.
  await cli(b, 'sync', '--once');
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
  await cliJSON(c, 'sync', 'connect', gone, '--json');
  const { rmSync } = await import('node:fs');
  rmSync(gone, { recursive: true, force: true });
  const r = await cliResult(c, 'sync', '--once');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /sync\.folder_missing/);
  assert.deepEqual(await names(c), ['Dewi']);
});
