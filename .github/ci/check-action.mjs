// What a job's later steps can check after `uses: ./` (.github/workflows/ci.yml): the exported
// variables and outputs, the Go the action installed (first on PATH, the version asked for), the
// module cache it pre-warmed (the module builds with GOPROXY=off), and the credentials it wrote
// (git insteadOf rules, a netrc entry), with no secret in any output. The post step's clean-up
// runs after every step of the job, so nothing in the job can check it; a following job checks
// what the post step saved (cache-hit).
//
// Runs with the runner's own node on ubuntu, macos and windows (no dependencies), and here against
// the runner emulation (__tests__/ci-check.test.ts).
//
//   OUTPUTS='${{ toJSON(steps.<id>.outputs) }}' CI_SECRETS=$'token\npassword' \
//   node .github/ci/check-action.mjs --module DIR [--goprivate P] [--go-version 1.23.4|1.23]
//     [--gotoolchain local] [--cache-hit true|false] [--cache-key-prefix P]
//     [--token-host H] [--netrc-machine H]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: expect } = parseArgs({
  options: {
    module: { type: 'string' },
    goprivate: { type: 'string' },
    'go-version': { type: 'string' },
    gotoolchain: { type: 'string' },
    'cache-hit': { type: 'string' },
    'cache-key-prefix': { type: 'string' },
    'token-host': { type: 'string' },
    'netrc-machine': { type: 'string' },
  },
});

const failures = [];
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === '' ? '' : `: ${detail}`}`);
  if (!ok) failures.push(what);
}

function run(command, args, options = {}) {
  try {
    return { ok: true, out: execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, maxBuffer: 16 * 1024 * 1024, ...options }) };
  } catch (error) {
    return { ok: false, out: `${error.stdout ?? ''}${error.stderr ?? ''}`.slice(-2000) || String(error.message) };
  }
}

const samePath = (a, b) => {
  const real = (p) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  return process.platform === 'win32' ? real(a).toLowerCase() === real(b).toLowerCase() : real(a) === real(b);
};

let outputs = {};
try {
  outputs = JSON.parse(process.env['OUTPUTS'] ?? '');
} catch {
  check(false, 'OUTPUTS holds the step outputs as JSON', 'set OUTPUTS: ${{ toJSON(steps.<id>.outputs) }}');
}

// Problems: none at error level (fail-on: error would have failed the step; this says which).
let problems = [];
try {
  problems = JSON.parse(outputs['problems'] ?? '[]');
} catch {
  check(false, 'the problems output is JSON');
}
for (const problem of problems) console.log(`     problem: ${problem.severity} ${problem.code}: ${String(problem.message).slice(0, 300)}`);
check(problems.every((problem) => problem.severity !== 'error'), 'no error-level problem', problems.filter((p) => p.severity === 'error').map((p) => p.code).join(', '));

// Secrets given to the action never reach an output (outputs travel to other jobs in clear).
const secrets = (process.env['CI_SECRETS'] ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
const outputText = JSON.stringify(outputs);
check(secrets.every((secret) => !outputText.includes(secret)), `no secret in the outputs (${secrets.length} checked)`, 'a secret given to the action is in an output');

if (expect.goprivate !== undefined) {
  check(process.env['GOPRIVATE'] === expect.goprivate, 'GOPRIVATE is exported to later steps', `GOPRIVATE=${process.env['GOPRIVATE'] ?? '(unset)'}`);
  check(outputs['goprivate'] === expect.goprivate, 'the goprivate output', String(outputs['goprivate']));
}

// The go later steps run: the one the action reported, first on PATH, the version asked for.
const goEnv = run('go', ['env', '-json', 'GOROOT', 'GOVERSION', 'GOPROXY', 'GOTOOLCHAIN']);
check(goEnv.ok, 'go runs in later steps', goEnv.out);
const go = goEnv.ok ? JSON.parse(goEnv.out) : {};
check(go.GOPROXY === process.env['GOPROXY'] && go.GOPROXY === outputs['goproxy'], 'go env GOPROXY is the exported GOPROXY and the goproxy output', `go env: ${go.GOPROXY}, output: ${outputs['goproxy']}`);
if (expect['go-version'] !== undefined) {
  const wanted = expect['go-version'];
  const matches = (version) => version === wanted || (wanted.split('.').length === 2 && version.startsWith(`${wanted}.`));
  check(matches(outputs['go-version'] ?? ''), `the go-version output is ${wanted}`, String(outputs['go-version']));
  check(matches((go.GOVERSION ?? '').replace(/^go/, '')), `go on PATH is go ${wanted}`, String(go.GOVERSION));
  const goPath = outputs['go-path'] ?? '';
  const onPath = path.join(go.GOROOT ?? '', 'bin', process.platform === 'win32' ? 'go.exe' : 'go');
  check(goPath !== '' && samePath(goPath, onPath), 'the go-path output is the go on PATH', `go-path ${goPath}, PATH has ${onPath}`);
}
if (expect.gotoolchain !== undefined) check(process.env['GOTOOLCHAIN'] === expect.gotoolchain, `GOTOOLCHAIN=${expect.gotoolchain} is exported`, String(process.env['GOTOOLCHAIN']));

// The module cache: hit or miss as expected, and the module builds with no proxy at all.
if (expect['cache-hit'] !== undefined) {
  check(outputs['cache-hit'] === expect['cache-hit'], `cache-hit is ${expect['cache-hit']}`, String(outputs['cache-hit']));
  const downloaded = Number(outputs['modules-downloaded']);
  if (expect['cache-hit'] === 'true') check(downloaded === 0, 'an exact hit downloads nothing', `modules-downloaded ${outputs['modules-downloaded']}`);
  else check(downloaded >= 1, 'a miss downloads the modules', `modules-downloaded ${outputs['modules-downloaded']}`);
  const gomodcache = outputs['gomodcache'] ?? '';
  check(gomodcache !== '' && existsSync(path.join(gomodcache, 'cache', 'download')), 'the gomodcache output holds the download cache', gomodcache);
}
if (expect['cache-key-prefix'] !== undefined) check((outputs['cache-key'] ?? '').startsWith(`${expect['cache-key-prefix']}-`), 'the cache key has the prefix', String(outputs['cache-key']));
if (expect.module !== undefined) {
  const build = run('go', ['build', './...'], { cwd: expect.module, env: { ...process.env, GOPROXY: 'off', GOFLAGS: '-mod=readonly' } });
  check(build.ok, `${expect.module} builds with GOPROXY=off (modules from the pre-warmed cache)`, build.out);
}

// Credentials the post step will remove.
if (expect['token-host'] !== undefined) {
  const rules = run('git', ['config', '--global', '--get-regexp', '^url\\..*\\.insteadof$']);
  // Print no rule: its key carries the token.
  check(rules.ok && rules.out.split('\n').some((line) => line.includes(`@${expect['token-host']}/`)), `a git insteadOf rule for ${expect['token-host']}`, rules.ok ? `${rules.out.split('\n').filter(Boolean).length} rule(s), none for the host` : 'no url.*.insteadOf rule');
}
if (expect['netrc-machine'] !== undefined) {
  const home = process.env['HOME'] ?? '';
  const profile = process.env['USERPROFILE'] ?? '';
  const candidates = [process.env['NETRC'] ?? '', ...[home, profile].filter(Boolean).flatMap((dir) => [path.join(dir, '.netrc'), path.join(dir, '_netrc')])].filter(Boolean);
  const holder = candidates.find((file) => existsSync(file) && new RegExp(`(^|\\s)machine\\s+${expect['netrc-machine'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(readFileSync(file, 'utf8')));
  check(holder !== undefined, `a netrc entry for ${expect['netrc-machine']}${holder === undefined ? '' : ` (${holder})`}`, `looked in ${candidates.join(', ')}`);
}

if (failures.length > 0) {
  console.log(`::error title=The action's effects::${failures.length} check(s) failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('All checks passed.');
