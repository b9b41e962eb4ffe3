// Test harness for the module-cache phase: every main/post step runs in its own node process
// (as on the runner: @actions/cache reads process.env and the phase changes cwd during archive
// calls), with an isolated Go environment, the loopback module proxy and the cache service.
import { runProcess } from './helpers/process.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CacheService } from './fixtures/cacheService.js';
import type { ModuleGraph, ModuleProxy } from './fixtures/moduleProxy.js';
import { isolatedGoEnv } from './helpers/go.js';
import { writeFiles } from './helpers/e2e.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const PHASE = pathToFileURL(path.join(REPO, 'src', 'cache', 'phase.ts')).href;

const DRIVER = `
import { readFileSync } from 'node:fs';
const phase = await import(process.env.CACHE_PHASE_MODULE);
const [kind, file] = process.argv.slice(2);
const input = JSON.parse(readFileSync(file, 'utf8'));
let result;
if (kind === 'main') result = await phase.runCacheMain({ ...input.options, env: { ...process.env } });
else result = await phase.runCachePost(input.state, { ...process.env });
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

export async function runStep<T>(job: Job, kind: 'main' | 'post', input: object, envOverrides: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<StepOutput<T>> {
  await mkdir(job.env['RUNNER_TEMP'] as string, { recursive: true });
  await mkdir(job.workspace, { recursive: true });
  const driver = path.join(job.root, 'driver.mjs');
  await writeFile(driver, DRIVER);
  const inputFile = path.join(job.root, `step-${++counter}.json`);
  await writeFile(inputFile, JSON.stringify(input));
  const env: Record<string, string> = { ...job.env, CACHE_PHASE_MODULE: PHASE };
  for (const [k, v] of Object.entries(envOverrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const { code, stdout, stderr, ms } = await runProcess(process.execPath, ['--import', TSX, driver, kind, inputFile], { cwd: job.workspace, env, timeoutMs });
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
