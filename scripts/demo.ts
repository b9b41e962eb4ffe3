// `npm run demo`: runs the committed dist/ exactly as the GitHub runner would, on the example
// repository in examples/demo. Each step's inputs and env are read from the example workflows, so
// what you see is what those workflows would get on GitHub.
//
//  1. build.yml carries the mistakes teams really make; the step fails and says where and why.
//  2. fixed.yml is the same build after the fixes, run as two jobs, each on a fresh machine (the
//     same paths, as hosted runners have) sharing the cache service: the first misses, downloads,
//     builds and saves the module cache and the build cache; the second restores both, downloads
//     nothing and its `go build` compiles nothing (counted from the go command's -x output).
//  3. mtls.yml builds against a module proxy that demands a TLS client certificate (mTLS, with a
//     CA and certificates made now): the action bridges it on loopback, the build downloads
//     through the bridge, the key shows up nowhere, and the post step stops the bridge.
//
// Everything stays on this machine: the proxies, the checksum of modules and the cache service are
// loopback stand-ins, and all other traffic goes to a closed loopback port, as behind a firewall.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { applyMasks, expandWorkflowText, formatStepResult, runActionJob, runActionStep, secretMasks, type JobRun, type StepResult } from './runner/emulate.js';
import { findGo } from '../__tests__/helpers/go.js';
import { startModuleProxy, type FixtureModule } from '../__tests__/fixtures/moduleProxy.js';
import { startSilentServer } from '../__tests__/fixtures/probeServer.js';
import { startCacheService } from '../__tests__/fixtures/cacheService.js';
import { askWithoutCertificate, checkMtlsJob, startMtlsGateway } from './demo-mtls.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = path.join(repoRoot, 'examples', 'demo');

/** Every module the example workspace requires; the mirror and the mTLS gateway serve the same ones. */
const MODULES: FixtureModule[] = [
  { path: 'golang.org/x/text', version: 'v0.14.0' },
  { path: 'git.internal.example/platform/auth', version: 'v1.4.2' },
  { path: 'git.internal.example/platform/logging', version: 'v0.3.1' },
];

interface Step { uses?: string; id?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Workflow { env?: Record<string, string>; jobs: Record<string, { env?: Record<string, string>; steps: Step[] }> }

/** The repository's variables and secrets, the contexts the example workflows' expressions use. */
interface Contexts { vars: Record<string, string>; secrets: Record<string, string> }

/** A workflow value with `${{ vars.NAME }}` and `${{ secrets.NAME }}` expanded as the runner would. */
function expand(text: string, contexts: Contexts): string {
  return expandWorkflowText(text, { vars: contexts.vars, secrets: contexts.secrets });
}

function stringMap(map: Record<string, unknown> | undefined, contexts: Contexts): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([key, value]) => [key, expand(String(value), contexts)]));
}

interface JobSpec {
  title: string;
  workflowFile: string;
  /** A fresh machine: its own HOME, GOPATH and module cache. */
  machine: string;
  workspace: string;
  contexts: Contexts;
  runnerEnv: Record<string, string>;
}

/** A job of the workflow: its steps (setup-goproxy's main, the `run:` steps after it) and the post step. */
interface DemoJob extends JobRun {
  /** Each `run:` step after the action: its command, exit code, how many packages it compiled, its log (secrets masked) and raw output. */
  runs: Array<{ command: string; code: number | null; compiles: number; durationMs: number; output: string; rawOutput: string }>;
}

/** Runs a shell step as the runner would, with -x added to GOFLAGS so the go command shows every compile it runs. */
function runShellStep(command: string, env: Record<string, string | undefined>, cwd: string): Promise<{ code: number | null; compiles: number; durationMs: number; output: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-e', '-c', command], { cwd, env: { ...env, GOFLAGS: `${env['GOFLAGS'] ?? ''} -x`.trim() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, compiles: output.split('\n').filter((line) => /\/compile( |$)/.test(line)).length, durationMs: Date.now() - started, output });
    });
  });
}

async function runWorkflowJob(spec: JobSpec): Promise<DemoJob> {
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
    ...stringMap(workflow.env, spec.contexts),
    ...stringMap(job.env, spec.contexts),
    ...stringMap(step.env, spec.contexts),
  };
  console.log(`\n=== ${spec.title}: ${spec.workflowFile}, job "${jobName}", step "${step.id ?? step.uses}" ===\n`);
  const inputs = stringMap(step.with, spec.contexts);
  const later = job.steps.slice(job.steps.indexOf(step) + 1).filter((candidate) => candidate.run !== undefined);
  const secrets = spec.contexts.secrets;
  if (later.length === 0) return { ...(await runActionJob({ actionDir: repoRoot, workspace: spec.workspace, inputs, env, secrets })), runs: [] };
  // The job's later steps run between the action's main and post steps, in one RUNNER_TEMP;
  // what main leaves running (the loopback proxy) lives on, as on the runner, until the job ends.
  const jobEnv: Record<string, string | undefined> = { ...env, RUNNER_TEMP: path.join(spec.machine, 'runner-temp'), RUNNER_TOOL_CACHE: path.join(spec.machine, 'tool-cache') };
  const main: StepResult = await runActionStep({ actionDir: repoRoot, workspace: spec.workspace, inputs, env: jobEnv, phase: 'main', secrets, keepOrphans: true });
  try {
    const stepEnv = { ...jobEnv, ...main.exportedEnv, PATH: [...[...main.addedPath].reverse(), jobEnv['PATH'] ?? ''].filter(Boolean).join(':') };
    const runs: DemoJob['runs'] = [];
    let failed = main.outcome === 'failure';
    for (const later1 of later) {
      if (failed) break;
      const command = expand(later1.run ?? '', spec.contexts);
      const result = await runShellStep(command, { ...stepEnv, ...stringMap(later1.env, spec.contexts) }, spec.workspace);
      // The runner masks the job's secrets in every step's log.
      runs.push({ command, ...result, output: applyMasks(result.output, secretMasks(secrets)), rawOutput: result.output });
      failed = result.code !== 0;
    }
    if (failed && main.exportedEnv['SETUP_GOPROXY_POST_ALWAYS'] !== 'true') return { main, post: null, postSkippedReason: 'post-if: a step failed', runs };
    const post = await runActionStep({ actionDir: repoRoot, workspace: spec.workspace, inputs, env: stepEnv, phase: 'post', state: main.state, secrets });
    return { main, post, runs };
  } finally {
    // Job end: the runner's orphan-process clean-up of main's process group. (The loopback
    // proxy is in a group of its own: only the post step stops it.)
    if (main.processGroup !== null) killGroupQuietly(main.processGroup);
  }
}

function killGroupQuietly(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // already gone
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function cacheDigest(run: DemoJob): string {
  const outputs = run.main.outputs;
  const lines = [
    `Run: ${run.main.outcome} (exit code ${String(run.main.exitCode)}) in ${run.main.durationMs} ms`,
    `  outputs: cache-hit=${outputs['cache-hit'] ?? ''} modules-downloaded=${outputs['modules-downloaded'] ?? ''} proxy-changed=${outputs['proxy-changed'] ?? ''}`,
    `  cache-key=${outputs['cache-key'] ?? ''}`,
    `  outputs: build-cache-hit=${outputs['build-cache-hit'] ?? ''} build-cache-matched-key=${outputs['build-cache-matched-key'] ?? ''}`,
    `  build-cache-key=${outputs['build-cache-key'] ?? ''}`,
    ...run.main.annotations.map((a) => `  ${a.level.padEnd(7)} ${a.file ? `${a.file}${a.line ? `:${a.line}` : ''} ` : ''}[${a.title ?? ''}] ${a.message.split('\n')[0] ?? ''}`),
    ...run.main.stdout.split('\n').filter((line) => /^(Module cache|No module cache|go mod download:|Build cache|No build cache)/.test(line)).map((line) => `  log: ${line}`),
    ...run.runs.map((r) => `Run: ${r.command} → exit code ${String(r.code)} in ${r.durationMs} ms, ${r.compiles} package(s) compiled${r.code === 0 ? '' : `\n${lastLines(r.output, 15)}`}`),
  ];
  if (run.post === null) lines.push(`Post Run: skipped (${run.postSkippedReason ?? 'post-if'})`);
  else lines.push(`Post Run: ${run.post.outcome} in ${run.post.durationMs} ms`, ...[...new Set(run.post.stdout.split('\n').filter((line) => /^(Saved (build )?cache|Module cache|Build cache)/.test(line)))].map((line) => `  log: ${line}`));
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
    const mirror = await startModuleProxy(MODULES);
    const cacheService = await startCacheService();
    cleanups.push(() => companyProxy.close(), () => mirror.close(), () => cacheService.close());
    // The company proxy behind a zero-trust gateway (mtls.yml): HTTPS with a server certificate
    // from a CA made now, admitting only clients with a certificate from the same CA.
    const gateway = await startMtlsGateway(MODULES);
    cleanups.push(() => gateway.close());
    // The mirror's modules are generated stand-ins, so their go.sum lines are written now.
    const sums = mirror.sumLines();
    if (gateway.proxy.sumLines().join('\n') !== sums.join('\n')) throw new Error('the mTLS gateway and the mirror serve different module contents');
    await writeFile(path.join(workspace, 'services', 'api', 'go.sum'), `${sums.join('\n')}\n`);
    await writeFile(path.join(workspace, 'libs', 'shared', 'go.sum'), `${sums.filter((line) => line.includes('logging')).join('\n')}\n`);
    const vars: Record<string, string> = {
      COMPANY_GOPROXY: `http://127.0.0.1:${companyProxy.port}/athens`,
      GOPROXY_MIRROR: mirror.url,
      GOPROXY_MTLS: gateway.proxy.url,
    };
    const secrets: Record<string, string> = {
      // A made-up token: watch it become *** in the log, and the git rules it scopes vanish in post.
      PRIVATE_REPO_TOKEN: 'demo-token-0123456789abcdef',
      // The client certificate and its key that the gateway admits (PEM, as a secret holds them).
      GOPROXY_CLIENT_CERT: gateway.clientCertificate,
      GOPROXY_CLIENT_KEY: gateway.clientKey,
    };
    const contexts: Contexts = { vars, secrets };
    console.log('setup-goproxy demo');
    console.log(`go: ${findGo() ?? 'not found (the action falls back to Go\'s defaults)'}`);
    console.log(`vars.COMPANY_GOPROXY = ${vars['COMPANY_GOPROXY']} (hangs), vars.GOPROXY_MIRROR = ${vars['GOPROXY_MIRROR']} (healthy), cache service ${cacheService.url}`);
    console.log(`vars.GOPROXY_MTLS = ${vars['GOPROXY_MTLS']} (mTLS: demands a client certificate from the demo CA), secrets.GOPROXY_CLIENT_CERT / GOPROXY_CLIENT_KEY made now`);

    const runnerEnv = cacheService.env('v2');
    const broken = await runWorkflowJob({ title: '1. The workflow with its mistakes', workflowFile: '.github/workflows/build.yml', machine: path.join(root, 'machine-1'), workspace, contexts, runnerEnv });
    console.log(formatStepResult(broken.main));
    console.log('');
    console.log(broken.post === null ? `Post Run: skipped (${broken.postSkippedReason ?? 'post-if'})` : formatStepResult(broken.post));

    // Jobs 2 and 3 run on fresh machines at the same paths (as hosted runners do): the build
    // cache's key holds the GOMODCACHE path, since Go hashes package directories into its entries.
    const machine = path.join(root, 'runner');
    const cold = await runWorkflowJob({ title: '2. After the fixes, first job (cold caches)', workflowFile: '.github/workflows/fixed.yml', machine, workspace, contexts, runnerEnv: { ...runnerEnv, GITHUB_RUN_ID: '1001' } });
    console.log(cacheDigest(cold));
    await rm(machine, { recursive: true, force: true });
    const warm = await runWorkflowJob({ title: '3. A second job on a fresh machine (warm caches)', workflowFile: '.github/workflows/fixed.yml', machine, workspace, contexts, runnerEnv: { ...runnerEnv, GITHUB_RUN_ID: '1002' } });
    console.log(cacheDigest(warm));

    // Job 4: a fresh machine again (at the same paths, so the build cache of job 3 applies), which
    // trusts the gateway's CA (SSL_CERT_FILE, as a self-hosted runner's environment sets it).
    // The go command itself could not get in:
    console.log(`\nThe company proxy behind an mTLS gateway: without a client certificate (as the go command comes), ${gateway.proxy.url} ${await askWithoutCertificate(gateway.proxy.url, gateway.caFile)}.`);
    await rm(machine, { recursive: true, force: true });
    const mtlsMachine = machine;
    const mtls = await runWorkflowJob({ title: '4. The company proxy behind an mTLS gateway, through the loopback bridge', workflowFile: '.github/workflows/mtls.yml', machine: mtlsMachine, workspace, contexts, runnerEnv: { ...runnerEnv, GITHUB_RUN_ID: '1003', SSL_CERT_FILE: gateway.caFile } });
    const mtlsCheck = await checkMtlsJob(mtls, { gateway: gateway.proxy, clientKey: gateway.clientKey, runnerTemp: path.join(mtlsMachine, 'runner-temp') });
    console.log(mtlsCheck.lines.join('\n'));

    const compiled = (run: DemoJob): number => run.runs.reduce((n, r) => n + r.compiles, 0);
    console.log(`\nJob 1 fails on purpose (exit code ${String(broken.main.exitCode)}): its annotations point at the lines to fix. Jobs 2 and 3 run the fixed workflow: cache-hit ${cold.main.outputs['cache-hit'] ?? '?'} then ${warm.main.outputs['cache-hit'] ?? '?'}; build-cache-hit ${cold.main.outputs['build-cache-hit'] ?? '?'} then ${warm.main.outputs['build-cache-hit'] ?? '?'}; go build compiled ${compiled(cold)} then ${compiled(warm)} package(s). Job 4 builds through the loopback mTLS bridge: ${mtlsCheck.ok ? 'every check above held' : 'a check FAILED (see above)'}.`);
    const warmOk = warm.main.outputs['cache-hit'] === 'true' && warm.main.outputs['build-cache-hit'] === 'true' && compiled(warm) === 0 && warm.runs.every((r) => r.code === 0);
    if (!warmOk) console.log('The warm job did not restore both caches and build without compiling: see above.');
    return warmOk && mtlsCheck.ok ? 0 : 1;
  } finally {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  }
}

// A demo that cannot run (a missing tool, a port it cannot bind) says why in one line.
process.exitCode = await main().catch((error: unknown) => {
  console.error(`npm run demo: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});
