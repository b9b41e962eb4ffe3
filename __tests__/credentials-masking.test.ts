// Every secret input value is registered with core.setSecret (an `::add-mask::` line on stdout)
// before anything else is printed, and none appears in problems, the summary or the saved state.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../src/config/inputValues.js';
import { checkPrivateModules, cleanUpCredentials, setUpCredentials, type CredentialOptions } from '../src/credentials/phase.js';
import { withTempDir } from './helpers/e2e.js';
import { captureStdout, cleanEnv, credentialOptions } from './credentials-support.js';

const TOKEN = 'ghp_maskingToken0123456789ABCDEF';
const NETRC_PASSWORD = 'netrc-secret-8d2f';
const LONG_LOGIN = 'loginThatIsATokenABCDEFG';
const PROXY_PASSWORD = 'proxy-secret-41c0';
const SECRETS = [TOKEN, NETRC_PASSWORD, LONG_LOGIN, PROXY_PASSWORD];

function options(env: NodeJS.ProcessEnv, overrides: Partial<CredentialOptions> = {}): CredentialOptions {
  return credentialOptions(env, {
    gitToken: `  ${TOKEN}\n`,
    netrc: `machine goproxy.corp.example login ci password ${NETRC_PASSWORD}\nmachine git.corp.example login ${LONG_LOGIN} password x-oauth-basic`,
    goproxy: `https://proxy.golang.org,https://deploy:${PROXY_PASSWORD}@athens.corp.example|https://deploy:other@athens.corp.example/b,direct`,
    goprivate: 'github.com/my-org,*.corp.example',
    // Private modules through the proxies: my-org/leaked then goes to proxy.golang.org first.
    gonoproxy: 'none',
    required: [{ path: 'github.com/my-org/leaked', version: 'v1.0.0', goModFile: 'go.mod', line: 3, viaProxy: true }],
    checkTimeoutMs: 2000,
    ...overrides,
  });
}

function masks(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length));
}

describe('credential masking', () => {
  it('registers every secret first and never prints one', async () => {
    await withTempDir('cred-mask-', async (root) => {
      const home = path.join(root, 'home');
      await mkdir(home, { recursive: true });
      const env = cleanEnv(home);
      const { result, output } = await captureStdout(() => setUpCredentials(options(env)));
      const masked = masks(output);
      for (const secret of SECRETS) assert.ok(masked.includes(secret), `${secret} is masked`);
      assert.ok(masked.includes(Buffer.from(`x-access-token:${TOKEN}`).toString('base64')), 'the Basic header form is masked');
      // Nothing but mask registrations is written to stdout by the phase itself.
      assert.deepEqual(output.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('::add-mask::')), []);

      // Exercise the paths that produce problems: unscoped pattern, conflicting proxy credentials,
      // private module sent to proxy.golang.org.
      const codes = result.problems.map((p) => p.code).sort();
      assert.deepEqual(codes, ['GIT_TOKEN_PATTERN_NOT_SCOPED', 'GOPROXY_CREDENTIALS_KEPT', 'GOPROXY_CREDENTIALS_KEPT', 'PRIVATE_MODULE_VIA_PUBLIC_PROXY']);
      const visible = JSON.stringify({ problems: result.problems, summary: result.summaryBody, state: result.state, goproxy: null });
      for (const secret of SECRETS) assert.ok(!visible.includes(secret), `${secret} leaked: ${visible}`);
      assert.ok(!visible.includes(encodeURIComponent(TOKEN)));

      const post = await cleanUpCredentials(result.state, env);
      for (const secret of SECRETS) assert.ok(!JSON.stringify(post).includes(secret));
    });
  });

  it('masks the secrets of a malformed netrc input before failing, and the error names only the line', async () => {
    await withTempDir('cred-mask-', async (root) => {
      const env = cleanEnv(path.join(root, 'home'));
      const secret = 'forgotTheKeywordSecret99';
      let failure: unknown;
      const { output } = await captureStdout(async () => {
        try {
          await setUpCredentials(options(env, { netrc: `machine a.example login ci password ok1\nmachine b.example login ci ${secret}` }));
        } catch (error) {
          failure = error;
        }
      });
      assert.ok(failure instanceof InputError);
      assert.match(failure.message, /line 2/);
      assert.ok(!failure.message.includes(secret));
      assert.ok(masks(output).includes(secret));
    });
  });

  it('registers the secrets in checkPrivateModules too (it may run in its own process)', async () => {
    await withTempDir('cred-mask-', async (root) => {
      const env = cleanEnv(path.join(root, 'home'));
      const { output } = await captureStdout(() => checkPrivateModules(options(env, { required: [] })));
      for (const secret of SECRETS) assert.ok(masks(output).includes(secret));
    });
  });
});
