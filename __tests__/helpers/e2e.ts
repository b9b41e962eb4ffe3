// Runs the committed dist/ as the GitHub runner would (scripts/runner/emulate.ts) in a temporary
// repository built from a file map.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runActionJob, runActionStep, type JobRun, type StepResult } from '../../scripts/runner/emulate.js';
import { findGo, isolatedGoEnv } from './go.js';

/** A loopback port nothing listens on (tcpmux, never served here). */
export const SANDBOX_PROXY = 'http://127.0.0.1:1';

export const ACTION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface E2ERun {
  files?: Record<string, string>;
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Put the go binary on PATH (default true). */
  withGo?: boolean;
  nodeBinary?: string;
  /** Workflow file (repository-relative) that GITHUB_WORKFLOW_REF names. */
  workflow?: string;
  jobStatus?: 'success' | 'failure';
  timeoutMs?: number;
  /**
   * Runs between the main and the post step, like the job's later steps (the post step then
   * always runs, as for a successful job). Without it, main and post run back to back.
   */
  between?: (main: StepResult, workspace: string) => Promise<void>;
}

export interface E2EResult extends JobRun {
  workspace: string;
  root: string;
}

export async function withTempDir<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** Runs main (and post) of the action in a fresh repository under `root`. */
export async function runAction(root: string, run: E2ERun): Promise<E2EResult> {
  const workspace = path.join(root, 'repo');
  await mkdir(workspace, { recursive: true });
  await writeFiles(workspace, run.files ?? {});
  const goEnv = isolatedGoEnv(root);
  await mkdir(goEnv['HOME'] ?? root, { recursive: true });
  const go = run.withGo === false ? null : findGo();
  const basePath = '/usr/local/bin:/usr/bin:/bin';
  const env: Record<string, string | undefined> = {
    ...goEnv,
    // A firewall for the tests: anything not on loopback (which Go and the probe never proxy)
    // goes to a closed loopback port, so no test can reach the internet by mistake.
    HTTPS_PROXY: SANDBOX_PROXY,
    HTTP_PROXY: SANDBOX_PROXY,
    // Loopback is never proxied by Go or the probe; other clients (the Azure SDK behind
    // @actions/cache) need NO_PROXY to say so.
    NO_PROXY: '127.0.0.1,localhost',
    PATH: go === null ? basePath : `${path.dirname(go)}:${basePath}`,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_JOB: 'build',
    ...(run.workflow === undefined ? {} : { GITHUB_WORKFLOW_REF: `octo-org/octo-repo/${run.workflow}@refs/heads/main` }),
    ...run.env,
  };
  // e2e-node24.test.ts runs every end-to-end test again with the action on node 24.
  const nodeBinary = run.nodeBinary ?? process.env['SETUP_GOPROXY_ACTION_NODE'];
  if (run.between !== undefined) {
    // One job: main and post share RUNNER_TEMP (the runner keeps it for the whole job; the
    // caches leave files there for the post step).
    env['RUNNER_TEMP'] ??= path.join(root, 'runner-temp');
    env['RUNNER_TOOL_CACHE'] ??= path.join(root, 'runner-tool-cache');
    const step = { actionDir: ACTION_DIR, workspace, inputs: run.inputs ?? {}, timeoutMs: run.timeoutMs ?? 120_000, ...(nodeBinary === undefined ? {} : { nodeBinary }) };
    const main = await runActionStep({ ...step, env, phase: 'main' });
    await run.between(main, workspace);
    const post = await runActionStep({ ...step, env: { ...env, ...main.exportedEnv }, phase: 'post', state: main.state });
    return { main, post, workspace, root };
  }
  const job = await runActionJob({
    actionDir: ACTION_DIR,
    workspace,
    inputs: run.inputs ?? {},
    env,
    ...(nodeBinary === undefined ? {} : { nodeBinary }),
    ...(run.jobStatus === undefined ? {} : { jobStatus: run.jobStatus }),
    timeoutMs: run.timeoutMs ?? 120_000,
  });
  return { ...job, workspace, root };
}
