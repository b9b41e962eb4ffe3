// The mTLS job of `npm run demo` (examples/demo/.github/workflows/mtls.yml): a loopback module
// proxy behind a "gateway" that demands a TLS client certificate, with a CA, a server and a client
// certificate made now by the test fixtures, and the checks that the job did what the README says:
// the go command downloaded through the bridge, the probe found the mTLS entry healthy, the key is
// nowhere it must not be, and the post step stopped the bridge and left nothing behind.
import { readdir, readFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import type { StepResult } from './runner/emulate.js';
import { isAlive } from '../__tests__/helpers/localProxy.js';
import { startModuleProxy, type FixtureModule, type ModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { makeTlsFixtures } from '../__tests__/fixtures/tls.js';
import { makeClientCertificates } from '../__tests__/fixtures/clientCerts.js';

export interface MtlsGateway {
  proxy: ModuleProxy;
  /** The CA that signed the gateway's server certificate (and the client's): for SSL_CERT_FILE. */
  caFile: string;
  clientCertificate: string;
  clientKey: string;
  close(): Promise<void>;
}

/** An HTTPS module proxy on 127.0.0.1 that refuses any client without a certificate from the demo CA. */
export async function startMtlsGateway(modules: FixtureModule[]): Promise<MtlsGateway> {
  const tls = await makeTlsFixtures().catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new Error('the mTLS job makes its certificates with the openssl command, which is not on PATH: install openssl (node scripts/provision.mjs does, as root on Debian or Ubuntu)');
  });
  try {
    const certs = await makeClientCertificates(tls);
    const proxy = await startModuleProxy(modules, { tls: { key: tls.server.key, cert: tls.server.cert, clientCa: tls.ca.cert } });
    return {
      proxy,
      caFile: tls.ca.certPath,
      clientCertificate: certs.client.cert,
      clientKey: certs.client.key,
      close: async () => {
        await proxy.close();
        await tls.cleanup();
      },
    };
  } catch (error) {
    await tls.cleanup();
    throw error;
  }
}

/** What the gateway answers a client that trusts its CA but has no certificate (the go command, say). */
export function askWithoutCertificate(url: string, caFile: string): Promise<string> {
  return readFile(caFile, 'utf8').then((ca) => new Promise((resolve) => {
    const request = https.get(`${url}/golang.org/x/text/@v/list`, { ca, agent: false, timeout: 5000 }, (response) => {
      response.resume();
      resolve(`answered HTTP ${String(response.statusCode)}`);
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 5 s')));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(`refused the connection (${error.code ?? error.message})`));
  }));
}

/** The parts of a demo job these checks read (scripts/demo.ts DemoJob). */
export interface MtlsJobRun {
  main: StepResult;
  post: StepResult | null;
  postSkippedReason?: string;
  runs: Array<{ command: string; code: number | null; compiles: number; durationMs: number; output: string; rawOutput: string }>;
}

export interface MtlsFacts {
  gateway: ModuleProxy;
  clientKey: string;
  /** The job's RUNNER_TEMP, as it is after the post step. */
  runnerTemp: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** A step's stdout without its ::add-mask:: commands, which the runner takes out of the log. */
function withoutMaskCommands(stdout: string): string {
  return stdout.split('\n').filter((line) => !line.trimStart().startsWith('::add-mask::')).join('\n');
}

async function waitUntilGone(pid: number, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  while (isAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  return !isAlive(pid);
}

/** The lines the demo prints for the mTLS job, and whether every check held. */
export async function checkMtlsJob(run: MtlsJobRun, facts: MtlsFacts): Promise<{ lines: string[]; ok: boolean }> {
  const lines: string[] = [];
  let ok = true;
  const check = (held: boolean, text: string): void => {
    lines.push(`  ${held ? 'ok  ' : 'FAIL'} ${text}`);
    ok &&= held;
  };
  const { main, post } = run;
  const pid = (JSON.parse(main.state['localproxy'] ?? '{}') as { pid?: number }).pid ?? 0;
  try {
    lines.push(`Run: ${main.outcome} (exit code ${String(main.exitCode)}) in ${main.durationMs} ms`);
    ok &&= main.outcome === 'success';
    lines.push(`  outputs: cache-hit=${main.outputs['cache-hit'] ?? ''} build-cache-hit=${main.outputs['build-cache-hit'] ?? ''} modules-downloaded=${main.outputs['modules-downloaded'] ?? ''} (no pre-warm: the build downloads)`);
    for (const a of main.annotations) lines.push(`  ${a.level.padEnd(7)} ${a.file ? `${a.file}${a.line ? `:${a.line}` : ''} ` : ''}[${a.title ?? ''}] ${a.message.split('\n')[0] ?? ''}`);

    // The bridge: the mTLS entry replaced by a loopback URL in the GOPROXY later steps get.
    const goproxy = main.exportedEnv['GOPROXY'] ?? '';
    const bridge = goproxy.split(/[,|]/)[0] ?? '';
    check(/^http:\/\/127\.0\.0\.1:\d+\/1$/.test(bridge) && pid > 0, `bridge: GOPROXY=${goproxy} for later steps, in place of ${facts.gateway.url} (proxy pid ${pid})`);

    // The probe's verdict for the mTLS entry (it goes through the bridge, with the certificate).
    const results = JSON.parse(main.outputs['probe-results'] ?? '[]') as Array<{ url: string; role: string; ok: boolean; verdict: string; message: string }>;
    const entry = results.find((result) => result.role === 'proxy');
    check(entry?.ok === true && entry.verdict === 'healthy', `probe of the mTLS entry (it goes through the bridge): ${entry?.url ?? '(no proxy probed)'} → ${entry?.verdict ?? '?'} (ok=${String(entry?.ok)}): ${entry?.message ?? ''}`);

    // The build step: every module zip the go command fetched came from the bridge, and the
    // gateway (which admits only clients with the certificate) served as many to the bridge.
    const build = run.runs[0];
    const fetched = (build?.output ?? '').split('\n').filter((line) => line.startsWith(`# get ${bridge}/`) && line.includes('.zip: 200 OK')).length;
    const fetchedElsewhere = (build?.output ?? '').split('\n').filter((line) => line.startsWith('# get ') && line.includes('.zip:') && !line.startsWith(`# get ${bridge}/`)).length;
    const served = facts.gateway.requests.filter((request) => request.endsWith('.zip')).length;
    lines.push(`Run: ${build?.command ?? '(no build step)'} → exit code ${String(build?.code)} in ${build?.durationMs ?? 0} ms, ${build?.compiles ?? 0} package(s) compiled`);
    if (build !== undefined && build.code !== 0) lines.push(build.output.trimEnd().split('\n').slice(-15).join('\n'));
    check(build?.code === 0 && fetched > 0 && fetchedElsewhere === 0 && served === fetched, `the go command downloaded ${fetched} module zip(s) through the bridge (200 OK from ${bridge}, ${fetchedElsewhere} from elsewhere); the mTLS gateway served ${served} zip(s) to the bridge's client certificate`);

    // Post: the bridge stopped, its directory (and the 0600 config that held the key) gone.
    if (post === null) {
      check(false, `Post Run: skipped (${run.postSkippedReason ?? 'post-if'})`);
    } else {
      lines.push(`Post Run: ${post.outcome} in ${post.durationMs} ms`);
      ok &&= post.outcome === 'success';
      const stopLine = post.stdout.split('\n').find((line) => line.includes('loopback proxy (pid')) ?? '(no line about the loopback proxy)';
      lines.push(`  log: ${stopLine}`);
      const gone = pid > 0 && (await waitUntilGone(pid, 5000));
      const leftDirs = (await readdir(facts.runnerTemp).catch(() => [])).filter((name) => name.startsWith('setup-goproxy-proxy-'));
      check(/; stopped\.$/.test(stopLine) && gone && leftDirs.length === 0, `after post: process ${pid} ${gone ? 'is gone' : 'IS STILL RUNNING'}; RUNNER_TEMP holds ${leftDirs.length === 0 ? 'no' : leftDirs.join(', ')} setup-goproxy-proxy-* directory`);
    }

    // The key: not one of its lines anywhere the job shows or leaves (raw streams, before the
    // runner's masking; only the ::add-mask:: commands that register it, which the runner
    // consumes), and the action registered every line as a mask itself.
    const keyLines = facts.clientKey.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('-----'));
    const leftFiles = await filesUnder(facts.runnerTemp);
    const leftTexts = await Promise.all(leftFiles.map((file) => readFile(file, 'utf8').catch(() => '')));
    const places: Array<[string, string]> = [
      ['main stdout', withoutMaskCommands(main.rawStdout)], ['main stderr', main.rawStderr], ['summary', main.rawSummary],
      ['outputs', JSON.stringify(main.outputs)], ['exported env', JSON.stringify(main.exportedEnv)], ['state', JSON.stringify(main.state)],
      ['post stdout', withoutMaskCommands(post?.rawStdout ?? '')], ['post stderr', post?.rawStderr ?? ''], ['post summary', post?.rawSummary ?? ''],
      ['build output', build?.rawOutput ?? ''],
      ...leftFiles.map((file, i): [string, string] => [path.relative(facts.runnerTemp, file), leftTexts[i] ?? '']),
    ];
    const leaks = places.filter(([, text]) => keyLines.some((line) => text.includes(line))).map(([where]) => where);
    const masked = keyLines.every((line) => main.masks.includes(line));
    check(keyLines.length > 0 && leaks.length === 0 && masked, `client key: ${leaks.length === 0 ? 'none' : `LEAKED in ${leaks.join(', ')}; some`} of its ${keyLines.length} lines in main's or post's stdout, stderr, summary, outputs, exported env, state, the build's output or the ${leftFiles.length} file(s) left in RUNNER_TEMP; the action masked ${masked ? 'every line' : 'NOT every line'} itself`);
    return { lines, ok };
  } finally {
    // Never leave the demo's proxy behind, whatever went wrong (it is the process this job started).
    if (pid > 0 && isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}
