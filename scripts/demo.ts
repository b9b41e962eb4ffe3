// `npm run demo`: runs the committed dist/ exactly as the GitHub runner would, on the example
// repository in examples/demo, whose workflow and go.mod files carry realistic mistakes. The step's
// inputs and env are read from the example workflow itself, so what you see is what that workflow
// would get on GitHub.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { formatStepResult, runActionJob } from './runner/emulate.js';
import { findGo } from '../__tests__/helpers/go.js';
import { startModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { startSilentServer } from '../__tests__/fixtures/probeServer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = path.join(repoRoot, 'examples', 'demo');
const workflowFile = '.github/workflows/build.yml';

interface Step { uses?: string; id?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Workflow { env?: Record<string, string>; jobs: Record<string, { env?: Record<string, string>; steps: Step[] }> }

/** `${{ vars.NAME }}` and `${{ secrets.NAME }}` as the runner would expand them. */
function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(?:vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => vars[name] ?? '');
}

function stringMap(map: Record<string, unknown> | undefined, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([key, value]) => [key, expand(String(value), vars)]));
}

async function main(): Promise<number> {
  const root = await mkdtemp(path.join(tmpdir(), 'setup-goproxy-demo-'));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const workspace = path.join(root, 'repo');
    await cp(exampleDir, workspace, { recursive: true });
    const workflow = parseYaml(await readFile(path.join(workspace, workflowFile), 'utf8')) as Workflow;
    const [jobName, job] = Object.entries(workflow.jobs)[0] ?? [];
    if (jobName === undefined || job === undefined) throw new Error(`${workflowFile} has no job`);
    const step = job.steps.find((candidate) => candidate.uses?.includes('setup-goproxy'));
    if (step === undefined) throw new Error(`${workflowFile} has no setup-goproxy step`);
    // Loopback stand-ins for the repository variables the workflow uses: the company proxy hangs
    // (accepts, never answers) and the mirror serves the public module the workspace requires.
    const companyProxy = await startSilentServer();
    const mirror = await startModuleProxy([{ path: 'golang.org/x/text', version: 'v0.14.0' }]);
    cleanups.push(() => companyProxy.close(), () => mirror.close());
    const vars: Record<string, string> = {
      COMPANY_GOPROXY: `http://127.0.0.1:${companyProxy.port}/athens`,
      GOPROXY_MIRROR: mirror.url,
      // A made-up token: watch it become *** in the log, and the git rules it scopes vanish in post.
      PRIVATE_REPO_TOKEN: 'demo-token-0123456789abcdef',
    };

    const go = findGo();
    const env: Record<string, string> = {
      PATH: `${go === null ? '' : `${path.dirname(go)}:`}/usr/local/bin:/usr/bin:/bin`,
      HOME: path.join(root, 'home'),
      GOENV: path.join(root, 'home', 'go-env'),
      GOTOOLCHAIN: 'local',
      // This machine has no internet. Like a firewall, send everything that is not loopback to a
      // closed loopback port, so proxy.golang.org and sum.golang.org fail fast and stay local.
      HTTPS_PROXY: 'http://127.0.0.1:1',
      HTTP_PROXY: 'http://127.0.0.1:1',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_WORKFLOW_REF: `octo-org/octo-repo/${workflowFile}@refs/heads/main`,
      GITHUB_JOB: jobName,
      ...(step.id === undefined ? {} : { GITHUB_ACTION: step.id }),
      ...stringMap(workflow.env, vars),
      ...stringMap(job.env, vars),
      ...stringMap(step.env, vars),
    };
    const inputs = stringMap(step.with, vars);

    console.log(`setup-goproxy demo: ${path.relative(repoRoot, exampleDir)}/${workflowFile}, job "${jobName}", step "${step.id ?? step.uses}"`);
    console.log(`go: ${go ?? 'not found (the action falls back to Go\'s defaults)'}`);
    console.log(`vars.COMPANY_GOPROXY = ${vars['COMPANY_GOPROXY']} (hangs), vars.GOPROXY_MIRROR = ${vars['GOPROXY_MIRROR']} (healthy)\n`);
    const run = await runActionJob({ actionDir: repoRoot, workspace, inputs, env });
    console.log(formatStepResult(run.main));
    console.log('');
    console.log(run.post === null ? `Post Run: skipped (${run.postSkippedReason ?? 'post-if'})` : formatStepResult(run.post));
    console.log(`\nThe demo's example carries deliberate mistakes, so the step is expected to fail: exit code ${String(run.main.exitCode)}.`);
    return 0;
  } finally {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    await rm(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
