// Test harness for the cache phases: every main/post step runs in its own node process (as on
// the runner: @actions/cache reads process.env and the phases change cwd during archive calls),
// with an isolated Go environment, the loopback module proxy and the cache service. The phases
// are bundled from src/ once per test process, with the options dist/ is built with (so the
// library behaves as in the action, e.g. its error class names survive), which also spares each
// step the TypeScript loader's start-up.
import { runProcess } from './helpers/process.js';
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CacheService } from './fixtures/cacheService.js';
import type { ModuleGraph, ModuleProxy } from './fixtures/moduleProxy.js';
import { isolatedGoEnv } from './helpers/go.js';
import { writeFiles } from './helpers/e2e.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let bundled: Promise<{ modules: string; build: string }> | null = null;

/** The two phase modules as ESM bundles in a temporary directory (removed when the process exits). */
function phaseBundles(): Promise<{ modules: string; build: string }> {
  bundled ??= (async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), 'cache-harness-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    const entryPoints = { modules: path.join(REPO, 'src', 'cache', 'modules', 'phase.ts'), build: path.join(REPO, 'src', 'build-cache', 'phase.ts') };
    await build({ ...bundleOptions(outdir), entryPoints, logLevel: 'error' });
    return { modules: pathToFileURL(path.join(outdir, 'modules.js')).href, build: pathToFileURL(path.join(outdir, 'build.js')).href };
  })();
  return bundled;
}

const DRIVER = `
import { readFileSync } from 'node:fs';
const phase = await import(process.env.CACHE_PHASE_MODULE);
const [kind, file] = process.argv.slice(2);
const input = JSON.parse(readFileSync(file, 'utf8'));
let result;
if (kind === 'main') result = await phase.runModuleCacheMain({ ...input.options, env: { ...process.env } });
else if (kind === 'post') result = await phase.runModuleCachePost(input.state, { ...process.env });
else if (kind === 'build-main') result = await phase.runBuildCacheMain({ ...input.options, env: { ...process.env } });
else result = await phase.runBuildCachePost(input.state, { ...process.env });
process.stdout.write('\\n@@RESULT@@' + JSON.stringify(result) + '\\n');
`;

export interface StepOutput<T> {
  result: T;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Annotation lines (::warning / ::error) printed by the step. */
  warnings: string[];
  errors: string[];
  ms: number;
}

export interface Job {
  root: string;
  workspace: string;
  env: Record<string, string>;
}

/** A job: a workspace under root with an isolated Go env pointing at the proxy and the cache service. */
export function makeJob(root: string, go: string, proxy: ModuleProxy, svc: CacheService, proto: 'v2' | 'v1' = 'v2', extra: Record<string, string> = {}): Job {
  const workspace = path.join(root, 'repo');
  const env: Record<string, string> = {
    ...isolatedGoEnv(root),
    PATH: `${path.dirname(go)}:/usr/local/bin:/usr/bin:/bin`,
    GOPROXY: proxy.url,
    GOSUMDB: 'off',
    GOFLAGS: '-mod=mod',
    RUNNER_TEMP: path.join(root, 'runner-temp'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_REF: 'refs/heads/main',
    CI: 'true',
    ...svc.env(proto),
    ...extra,
  };
  return { root, workspace, env };
}

export async function writeProject(job: Job, dir: string, graph: ModuleGraph, proxy: ModuleProxy, modulePath = 'example.com/app'): Promise<void> {
  await writeFiles(path.join(job.workspace, dir), {
    'go.mod': graph.mainGoMod(modulePath),
    'main.go': graph.mainGo(),
    'go.sum': proxy.sumLines().join('\n') + '\n',
  });
}

export function cacheOptions(job: Job, go: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabled: true, dependencyPath: '', keyPrefix: '', download: true, save: 'auto', crossOs: false, retries: 3, verify: false,
    workingDirectory: job.workspace, workspace: job.workspace, goBinary: go, healthyProxies: [], retryBackoffMs: 50, downloadTimeoutMs: 60_000,
    ...overrides,
  };
}

let counter = 0;

export type StepKind = 'main' | 'post' | 'build-main' | 'build-post';

export async function runStep<T>(job: Job, kind: StepKind, input: object, envOverrides: Record<string, string | undefined> = {}, timeoutMs = 120_000, wrap: string[] = []): Promise<StepOutput<T>> {
  await mkdir(job.env['RUNNER_TEMP'] as string, { recursive: true });
  await mkdir(job.workspace, { recursive: true });
  const driver = path.join(job.root, 'driver.mjs');
  await writeFile(driver, DRIVER);
  const inputFile = path.join(job.root, `step-${++counter}.json`);
  await writeFile(inputFile, JSON.stringify(input));
  const bundles = await phaseBundles();
  const env: Record<string, string> = { ...job.env, CACHE_PHASE_MODULE: kind.startsWith('build-') ? bundles.build : bundles.modules };
  for (const [k, v] of Object.entries(envOverrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // `wrap`: a command the step runs under (e.g. setpriv, for a root that obeys file modes).
  const [command, ...prefix] = [...wrap, process.execPath];
  const { code, stdout, stderr, ms } = await runProcess(command as string, [...prefix, driver, kind, inputFile], { cwd: job.workspace, env, timeoutMs });
  const lines = stdout.split('\n');
  const marker = lines.find((l) => l.startsWith('@@RESULT@@'));
  if (marker === undefined) throw new Error(`${kind} step printed no result (exit ${code})\nSTDOUT:\n${stdout}\nSTDERR:\n${stderr}`);
  return {
    result: JSON.parse(marker.slice('@@RESULT@@'.length)) as T,
    code,
    stdout,
    stderr,
    warnings: lines.filter((l) => l.startsWith('::warning')),
    errors: lines.filter((l) => l.startsWith('::error')),
    ms,
  };
}

/** Options for runBuildCacheMain (the inputs as action.yml defaults them, unless overridden). */
export function buildCacheOptions(job: Job, go: string, overrides: Record<string, unknown> = {}, inputs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    inputs: { enabled: true, save: 'auto', keyWords: '', ...inputs }, keyPrefix: '', goBinary: go, workingDirectory: job.workspace,
    gomodcachePreexisting: false, ...overrides,
  };
}
