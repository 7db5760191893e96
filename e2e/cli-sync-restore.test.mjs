// A device whose data folder is put back from an old backup at the same path,
// driven through the command line as separate processes: it must not write
// over the segments it sent after the backup, and every device must end with
// the same data (issue: sync loses edits, item 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tmpDataDir, cli, cliJSON, confirmWaiting } from './harness.mjs';

const members = (dir) => cliJSON(dir, 'member', 'list', '--json');

// segments returns every segment in the shared folder with its bytes.
function segments(shared) {
  const out = new Map();
  const root = path.join(shared, 'postdeck');
  for (const ws of readdirSync(root)) {
    const devices = path.join(root, ws, 'devices');
    for (const dev of readdirSync(devices)) {
      let files = [];
      try {
        files = readdirSync(path.join(devices, dev, 'changes'));
      } catch {
        continue;
      }
      for (const f of files.filter((n) => n.endsWith('.seg'))) {
        const p = path.join(devices, dev, 'changes', f);
        out.set(p, readFileSync(p).toString('base64'));
      }
    }
  }
  return out;
}

test('a data folder restored from an old backup at the same path carries on as a new device', async () => {
  const a = tmpDataDir();
  const b = tmpDataDir();
  const shared = tmpDataDir('postdeck-shared-');

  await cli(a, 'member', 'add', '--name', 'Ana', '--role', 'social_media_manager');
  await cliJSON(a, 'sync', 'connect', shared, '--plain', '--json');
  await cliJSON(b, 'sync', 'join', shared, '--json');
  await confirmWaiting(a);
  const [ana] = await members(b);
  const oldDevice = (await cliJSON(b, 'sync', 'status', '--json')).deviceId;

  // B is backed up, then edits and sends; A applies it.
  const backup = path.join(tmpDataDir('postdeck-backup-'), 'b.zip');
  await cliJSON(b, 'backup', backup, '--json');
  await cli(b, 'member', 'update', ana.id, '--name', 'Ana (sent before the restore)');
  await cli(b, 'sync', '--once');
  await cli(a, 'sync', '--once');
  assert.equal((await members(a))[0].name, 'Ana (sent before the restore)');
  const sent = segments(shared);

  // The backup goes back into B's own folder, and B edits again.
  const restored = tmpDataDir('postdeck-restored-');
  rmSync(restored, { recursive: true, force: true });
  await cliJSON(b, 'restore', backup, '--data-dir', restored, '--json');
  rmSync(b, { recursive: true, force: true });
  renameSync(restored, b);
  assert.equal((await cliJSON(b, 'sync', 'status', '--json')).deviceId, oldDevice);
  await cli(b, 'member', 'update', ana.id, '--name', 'Ana (after the restore)');
  const report = await cliJSON(b, 'sync', '--once', '--json');
  assert.ok(report.issues.some((i) => i.code === 'sync.device_restored'), JSON.stringify(report.issues));

  for (const [file, bytes] of sent) {
    assert.equal(segments(shared).get(file), bytes, `${file} was written over`);
  }
  const status = await cliJSON(b, 'sync', 'status', '--json');
  assert.notEqual(status.deviceId, oldDevice);
  assert.equal(status.deviceChange.reason, 'restored');
  assert.equal(status.deviceChange.previousId, oldDevice);
  assert.match(await cli(b, 'sync', 'status'), /continues as device .*restored from a backup/);

  // A new device C joins; after a few rounds all three agree, and the edit
  // the restore undid is kept as a conflict on each.
  const c = tmpDataDir();
  await cliJSON(c, 'sync', 'join', shared, '--json');
  // The restored computer made new keys (a backup leaves the private key
  // out) and continues as a new device: A confirms it again.
  await confirmWaiting(a);
  for (let round = 0; round < 2; round++) {
    for (const dir of [a, b, c]) await cli(dir, 'sync', '--once');
  }
  for (const dir of [a, b, c]) {
    assert.deepEqual((await members(dir)).map((m) => m.name), ['Ana (after the restore)']);
    const st = await cliJSON(dir, 'sync', 'status', '--json');
    assert.equal(st.conflicts, 1, `${dir}: ${JSON.stringify(st)}`);
    assert.equal(st.outgoing, 0);
    assert.equal(st.incoming, 0);
  }
});
