/** The client's restart policy for a crashed language server (client/src/restartPolicy.ts), which imports no vscode. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../client/src/restartPolicy';

const MIN = 60_000;

test('restarts with back-off, 1 s, 2 s, 4 s, 8 s, then gives up on the fifth crash within 3 minutes, saying so once', () => {
  const p = new RestartPolicy();
  const t = 1_000_000;
  assert.deepEqual(p.closed(t), { action: 'restart', delayMs: 1000, attempt: 1 });
  assert.deepEqual(p.closed(t + 5_000), { action: 'restart', delayMs: 2000, attempt: 2 });
  assert.deepEqual(p.closed(t + 10_000), { action: 'restart', delayMs: 4000, attempt: 3 });
  assert.deepEqual(p.closed(t + 20_000), { action: 'restart', delayMs: 8000, attempt: 4 });
  assert.deepEqual(p.closed(t + 30_000), { action: 'giveUp', crashes: 5, notify: true });
  // Whatever else is reported afterwards, no second message.
  assert.deepEqual(p.closed(t + 40_000), { action: 'giveUp', crashes: 6, notify: false });
  assert.deepEqual(p.error(10), { action: 'shutdown', notify: false });
});

test('crashes older than the window are forgotten: a server that crashes now and then is always restarted', () => {
  const p = new RestartPolicy();
  for (let i = 0; i < 20; i++) {
    const d = p.closed(i * 2 * MIN);
    // At most two crashes fall in any 3-minute window, so the delay stays short.
    assert.equal(d.action, 'restart', `crash ${i}`);
    if (d.action === 'restart') assert.ok(d.delayMs <= 2000);
  }
});

test('the window slides: the fifth crash gives up only when four others are less than 3 minutes old', () => {
  const p = new RestartPolicy();
  p.closed(0);
  p.closed(1 * MIN);
  p.closed(2 * MIN);
  p.closed(2.5 * MIN);
  // The crash at 0 is 3 minutes old: four crashes in the window, the fourth restart.
  assert.deepEqual(p.closed(3 * MIN), { action: 'restart', delayMs: 8000, attempt: 4 });
  assert.equal(p.closed(3.1 * MIN).action, 'giveUp');
});

test('a restart by hand starts counting anew and allows a new message', () => {
  const p = new RestartPolicy();
  for (let i = 0; i < 5; i++) p.closed(i * 1000);
  assert.equal(p.closed(6000).action, 'giveUp');
  p.reset();
  assert.deepEqual(p.closed(7000), { action: 'restart', delayMs: 1000, attempt: 1 });
  for (let i = 0; i < 3; i++) p.closed(8000 + i);
  assert.deepEqual(p.closed(9000), { action: 'giveUp', crashes: 5, notify: true });
});

test('connection errors are tolerated three in a row, then the server is shut down with one message', () => {
  const p = new RestartPolicy();
  assert.deepEqual(p.error(undefined), { action: 'continue' });
  for (let n = 1; n <= DEFAULT_RESTART_POLICY.maxErrors; n++) assert.deepEqual(p.error(n), { action: 'continue' });
  assert.deepEqual(p.error(4), { action: 'shutdown', notify: true });
  assert.deepEqual(p.error(5), { action: 'shutdown', notify: false });
});

test('the delays and the limit follow the options', () => {
  const p = new RestartPolicy({ maxRestarts: 6, windowMs: MIN, baseDelayMs: 500, maxDelayMs: 3000, maxErrors: 1 });
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((i) => p.closed(i)).map((d) => (d.action === 'restart' ? d.delayMs : d.action)),
    [500, 1000, 2000, 3000, 3000, 3000],
  );
  assert.equal(p.closed(6).action, 'giveUp');
  assert.equal(p.error(2).action, 'shutdown');
});

test('the policy does not import vscode, so that it runs (and is tested) outside the editor', async () => {
  const fs = await import('node:fs');
  const source = fs.readFileSync('client/src/restartPolicy.ts', 'utf8');
  assert.doesNotMatch(source, /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
});
