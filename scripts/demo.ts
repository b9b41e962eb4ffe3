// `npm run demo`: runs the committed dist/ exactly as the GitHub runner would, on the example
// repository in examples/demo. Each step's inputs and env are read from the example workflows, so
// what you see is what those workflows would get on GitHub.
//
//  1. build.yml carries the mistakes teams really make; the step fails and says where and why.
//  2. fixed.yml is the same build after the fixes, run as two jobs on two fresh machines that share
//     the module cache: the first misses, downloads and saves; the second restores the exact key.
//
// Everything stays on this machine: the proxies, the checksum of modules and the cache service are
// loopback stand-ins, and all other traffic goes to a closed loopback port, as behind a firewall.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { formatStepResult, runActionJob, type JobRun } from './runner/emulate.js';
import { findGo } from '../__tests__/helpers/go.js';
import { startModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { startSilentServer } from '../__tests__/fixtures/probeServer.js';
import { startCacheService } from '../__tests__/fixtures/cacheService.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = path.join(repoRoot, 'examples', 'demo');

interface Step { uses?: string; id?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Workflow { env?: Record<string, string>; jobs: Record<string, { env?: Record<string, string>; steps: Step[] }> }

/** `${{ vars.NAME }}` and `${{ secrets.NAME }}` as the runner would expand them. */
function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(?:vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => vars[name] ?? '');
}

function stringMap(map: Record<string, unknown> | undefined, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([key, value]) => [key, expand(String(value), vars)]));
}

interface JobSpec {
  title: string;
  workflowFile: string;
  /** A fresh machine: its own HOME, GOPATH and module cache. */
  machine: string;
  workspace: string;
  vars: Record<string, string>;
  runnerEnv: Record<string, string>;
}

async function runWorkflowJob(spec: JobSpec): Promise<JobRun> {
  const workflow = parseYaml(await readFile(path.join(spec.workspace, spec.workflowFile), 'utf8')) as Workflow;
  const [jobName, job] = Object.entries(workflow.jobs)[0] ?? [];
  if (jobName === undefined || job === undefined) throw new Error(`${spec.workflowFile} has no job`);
  const step = job.steps.find((candidate) => candidate.uses?.includes('setup-goproxy'));
  if (step === undefined) throw new Error(`${spec.workflowFile} has no setup-goproxy step`);
  const go = findGo();
  const env: Record<string, string> = {
    PATH: `${go === null ? '' : `${path.dirname(go)}:`}/usr/local/bin:/usr/bin:/bin`,
    HOME: path.join(spec.machine, 'home'),
    GOPATH: path.join(spec.machine, 'go'),
    GOENV: path.join(spec.machine, 'home', 'go-env'),
    GOTOOLCHAIN: 'local',
    // No internet here. Like a firewall, send everything that is not loopback to a closed
    // loopback port, so proxy.golang.org and sum.golang.org fail fast and stay local.
    HTTPS_PROXY: 'http://127.0.0.1:1',
    HTTP_PROXY: 'http://127.0.0.1:1',
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW_REF: `octo-org/octo-repo/${spec.workflowFile}@refs/heads/main`,
    GITHUB_JOB: jobName,
    ...(step.id === undefined ? {} : { GITHUB_ACTION: step.id }),
    ...spec.runnerEnv,
    ...stringMap(workflow.env, spec.vars),
    ...stringMap(job.env, spec.vars),
    ...stringMap(step.env, spec.vars),
  };
  console.log(`\n=== ${spec.title}: ${spec.workflowFile}, job "${jobName}", step "${step.id ?? step.uses}" ===\n`);
  return runActionJob({ actionDir: repoRoot, workspace: spec.workspace, inputs: stringMap(step.with, spec.vars), env });
}

function cacheDigest(run: JobRun): string {
  const outputs = run.main.outputs;
  const lines = [
    `Run: ${run.main.outcome} (exit code ${String(run.main.exitCode)}) in ${run.main.durationMs} ms`,
    `  outputs: cache-hit=${outputs['cache-hit'] ?? ''} modules-downloaded=${outputs['modules-downloaded'] ?? ''} proxy-changed=${outputs['proxy-changed'] ?? ''}`,
    `  cache-key=${outputs['cache-key'] ?? ''}`,
    ...run.main.annotations.map((a) => `  ${a.level.padEnd(7)} ${a.file ? `${a.file}${a.line ? `:${a.line}` : ''} ` : ''}[${a.title ?? ''}] ${a.message.split('\n')[0] ?? ''}`),
    ...run.main.stdout.split('\n').filter((line) => /^(Module cache|No module cache|go mod download:)/.test(line)).map((line) => `  log: ${line}`),
  ];
  if (run.post === null) lines.push(`Post Run: skipped (${run.postSkippedReason ?? 'post-if'})`);
  else lines.push(`Post Run: ${run.post.outcome} in ${run.post.durationMs} ms`, ...[...new Set(run.post.stdout.split('\n').filter((line) => /^(Saved cache|Module cache)/.test(line)))].map((line) => `  log: ${line}`));
  return lines.join('\n');
}

async function main(): Promise<number> {
  const root = await mkdtemp(path.join(tmpdir(), 'setup-goproxy-demo-'));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const workspace = path.join(root, 'repo');
    await cp(exampleDir, workspace, { recursive: true });
    // Loopback stand-ins for the repository variables the workflows use: the company proxy hangs
    // (accepts, never answers); the mirror serves every module the workspace requires.
    const companyProxy = await startSilentServer();
    const mirror = await startModuleProxy([
      { path: 'golang.org/x/text', version: 'v0.14.0' },
      { path: 'git.internal.example/platform/auth', version: 'v1.4.2' },
      { path: 'git.internal.example/platform/logging', version: 'v0.3.1' },
    ]);
    const cacheService = await startCacheService();
    cleanups.push(() => companyProxy.close(), () => mirror.close(), () => cacheService.close());
    // The mirror's modules are generated stand-ins, so their go.sum lines are written now.
    const sums = mirror.sumLines();
    await writeFile(path.join(workspace, 'services', 'api', 'go.sum'), `${sums.join('\n')}\n`);
    await writeFile(path.join(workspace, 'libs', 'shared', 'go.sum'), `${sums.filter((line) => line.includes('logging')).join('\n')}\n`);
    const vars: Record<string, string> = {
      COMPANY_GOPROXY: `http://127.0.0.1:${companyProxy.port}/athens`,
      GOPROXY_MIRROR: mirror.url,
      // A made-up token: watch it become *** in the log, and the git rules it scopes vanish in post.
      PRIVATE_REPO_TOKEN: 'demo-token-0123456789abcdef',
    };
    console.log('setup-goproxy demo');
    console.log(`go: ${findGo() ?? 'not found (the action falls back to Go\'s defaults)'}`);
    console.log(`vars.COMPANY_GOPROXY = ${vars['COMPANY_GOPROXY']} (hangs), vars.GOPROXY_MIRROR = ${vars['GOPROXY_MIRROR']} (healthy), cache service ${cacheService.url}`);

    const runnerEnv = cacheService.env('v2');
    const broken = await runWorkflowJob({ title: '1. The workflow with its mistakes', workflowFile: '.github/workflows/build.yml', machine: path.join(root, 'machine-1'), workspace, vars, runnerEnv });
    console.log(formatStepResult(broken.main));
    console.log('');
    console.log(broken.post === null ? `Post Run: skipped (${broken.postSkippedReason ?? 'post-if'})` : formatStepResult(broken.post));

    const cold = await runWorkflowJob({ title: '2. After the fixes, first job (cold cache)', workflowFile: '.github/workflows/fixed.yml', machine: path.join(root, 'machine-2'), workspace, vars, runnerEnv });
    console.log(cacheDigest(cold));
    const warm = await runWorkflowJob({ title: '3. A second job on another machine (warm cache)', workflowFile: '.github/workflows/fixed.yml', machine: path.join(root, 'machine-3'), workspace, vars, runnerEnv });
    console.log(cacheDigest(warm));
    console.log(`\nJob 1 fails on purpose (exit code ${String(broken.main.exitCode)}): its annotations point at the lines to fix. Jobs 2 and 3 run the fixed workflow: cache-hit ${cold.main.outputs['cache-hit'] ?? '?'} then ${warm.main.outputs['cache-hit'] ?? '?'}.`);
    return 0;
  } finally {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  }
}

process.exitCode = await main();
