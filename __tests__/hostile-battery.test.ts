// The hostile-input battery: about 30 hostile values x every input of action.yml (read from it,
// so inputs added later are covered).
//
// Every pair goes through the real input checks in this process (the central limits and the
// parsers of readInputs): either accepted, or refused with a short message that names the input
// and holds no planted secret. Then the committed dist/ runs through the runner emulation for
// every pair whose outcome is not already decided by that in-process refusal:
//  - per value, one run with every input that accepts it set to it at once (inputs that are
//    only linted or passed on cannot stop the others), and one run for each input whose value
//    can stop the step later (a path, a version, a netrc line...; any input not known here);
//  - per value, one refused pair (rotating over the inputs), for the runner's side of a refusal.
// Each run is bounded to RUN_BOUND_MS and must: end in time, fail only with a clear message (the
// input named when it was refused), print no stack trace, leak no planted secret into the log,
// the summary or the outputs, run no injected command, and keep the summary and the log under
// 1 MiB. Runs go four at a time; the whole battery takes about two minutes on a quiet machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkInputLimits } from '../src/config/inputLimits.js';
import { InputError, SECRET_INPUTS } from '../src/config/inputValues.js';
import { INPUT_FOR_VARIABLE, readInputs } from '../src/config/readInputs.js';
import { inputEnvName } from '../scripts/runner/emulate.js';
import { runAction, withTempDir, type E2EResult } from './helpers/e2e.js';

const RUN_BOUND_MS = 20_000;
const CONCURRENCY = 4;
const MiB = 1024 * 1024;

const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
const INPUTS = Object.keys(action.inputs);
const DEFAULTS: Record<string, string> = Object.fromEntries(INPUTS.map((input) => [input, String(action.inputs[input]?.default ?? '')]));

/**
 * Inputs that are only linted, exported or passed to a later phase: a hostile value there turns
 * into problems, never into an early stop, so they can share one run. Every other input (and any
 * input added later) gets runs of its own.
 */
const SHARES_A_RUN = new Set(['goproxy', 'goprivate', 'gonoproxy', 'gonosumdb', 'gosumdb', 'goflags', 'goinsecure', 'goauth', 'git-token', 'cache-dependency-path', 'cache-key-prefix', 'fail-on', 'probe', 'probe-timeout', 'on-unreachable', 'cache', 'download', 'save', 'cross-os', 'retries', 'verify']);

/** What the runs do not need: the network, the cache service, a download. */
const QUIET: Record<string, string> = { probe: 'false', cache: 'false', download: 'false', 'probe-timeout': '2' };

interface Hostile {
  name: string;
  value: string;
  /** Planted where it is a secret by contract (URL userinfo, a netrc password, the git-token). */
  secret?: string;
  /**
   * The inputs for which it is a secret (default: all, for the userinfo of a scheme://URL, which
   * is redacted wherever it is quoted). A scheme-less "user:token@host" is a credential only in a
   * proxy list, a netrc line only in netrc; a secret input (SECRET_INPUTS) whatever it holds.
   */
  secretIn?: readonly string[];
  /** The runner cannot pass it (NUL): checked in this process only. */
  inProcessOnly?: boolean;
}

const secret = (n: number): string => `s3cr3tT0k3n${n}xQz`;
const MARKER_DIR = path.join(tmpdir(), `battery-marker-${process.pid}`);
const marker = (n: number): string => path.join(MARKER_DIR, `pwned-${n}`);

const HOSTILE: Hostile[] = [
  { name: '100 kB with a token', value: `https://bot:${secret(1)}@h.example/${'a'.repeat(100_000)}`, secret: secret(1) },
  { name: '9,000 comma-separated entries', value: Array.from({ length: 9000 }, (_, i) => `h${i}.x`).join(',') },
  { name: '9,000 lines', value: Array.from({ length: 9000 }, (_, i) => `p${i}.x`).join('\n') },
  { name: 'just under the default limit, with a token', value: `https://bot:${secret(2)}@h.example/${'b'.repeat(4000)}`, secret: secret(2) },
  { name: 'control bytes (BEL, ESC colour)', value: 'a\u0007b\u001b[31mred' },
  { name: 'NUL', value: 'git.corp.example\u0000evil', inProcessOnly: true },
  { name: 'CRLF line ends', value: 'github.com/org\r\ngit.corp.example\r\n' },
  { name: 'a lone CR inside', value: 'github.com/org\rinjected' },
  { name: 'quotes of every kind', value: `a"b'c\`d` },
  { name: 'command substitution', value: `$(touch ${marker(1)})` },
  { name: 'backticks', value: `\`touch ${marker(2)}\`` },
  { name: 'shell separators', value: `x; touch ${marker(3)} && touch ${marker(3)} | touch ${marker(3)}` },
  { name: 'path traversal', value: '../../../../../../etc/passwd' },
  { name: 'absolute path outside', value: '/etc/passwd' },
  { name: 'unicode', value: 'ünïcödé.example/模块/😀' },
  { name: 'bidi override', value: 'git.corp.example\u202e/gro' },
  { name: 'URL with a userinfo token', value: `https://bot:${secret(3)}@proxy.corp.example/path`, secret: secret(3) },
  { name: 'scheme-less userinfo token', value: `bot:${secret(4)}@proxy.corp.example`, secret: secret(4), secretIn: ['goproxy', 'fallback-proxies'] },
  { name: 'plain-http token', value: `http://${secret(5)}@127.0.0.1:1/`, secret: secret(5) },
  { name: 'workflow command on a new line', value: 'x\n::set-output name=goproxy::pwned\n::error::injected' },
  { name: 'workflow command text', value: '::add-mask::x %0A::error::y' },
  { name: 'an expression', value: '${{ github.token }}' },
  { name: 'only spaces', value: '     ' },
  { name: 'flag-like', value: '-ldflags=-X main.v=1 --insecure' },
  { name: 'keywords and numbers', value: 'off' },
  { name: 'hex number', value: '0x10' },
  { name: 'JSON', value: '{"a":[1,2],"b":null}' },
  { name: 'file URL', value: 'file:///etc/passwd' },
  { name: 'Windows paths', value: 'C:\\Windows\\System32,\\\\server\\share\\x' },
  { name: 'glob bomb', value: `${'*'.repeat(200)}a[` },
  { name: 'many @', value: '@'.repeat(3000) },
  { name: 'netrc line with a password', value: `machine h.example login u password ${secret(6)}`, secret: secret(6), secretIn: ['netrc'] },
  { name: 'percent escapes', value: '%00%0A%25%2F' },
];

/** The input's refusal in this process (central limits, then readInputs' parsers), or null. */
function refusal(input: string, value: string): InputError | null {
  const saved = { ...process.env };
  try {
    for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name];
    for (const other of INPUTS) process.env[inputEnvName(other)] = DEFAULTS[other] ?? '';
    process.env[inputEnvName(input)] = value;
    checkInputLimits(process.env);
    readInputs();
    return null;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw new Error(`${input} = ${JSON.stringify(value.slice(0, 80))}: not an InputError: ${String(error)}`);
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

/** The planted secret when it is one for any of these inputs. */
function secretOf(hostile: Hostile, inputs: readonly string[]): string | null {
  if (hostile.secret === undefined) return null;
  // A secret input (git-token, netrc, client-key) is a secret whatever it holds.
  return hostile.secretIn === undefined || inputs.some((input) => hostile.secretIn!.includes(input) || SECRET_INPUTS.has(input)) ? hostile.secret : null;
}

const STACK_TRACE = /\n\s+at [^\n]*[(\s][^\s()]+:\d+:\d+\)?|failed unexpectedly/;

interface Run {
  label: string;
  hostile: Hostile;
  inputs: Record<string, string>;
  /** Set when the in-process checks refused this input: the run must fail naming it. */
  refused?: string;
}

async function runOne(run: Run): Promise<string[]> {
  const failures: string[] = [];
  const fail = (what: string): void => {
    failures.push(`${run.label}: ${what}`);
  };
  await withTempDir('battery-', async (root) => {
    const runnerTemp = path.join(root, 'runner-temp');
    await mkdir(runnerTemp, { recursive: true });
    let result: E2EResult;
    try {
      result = await runAction(root, {
        withGo: false,
        files: { 'go.mod': 'module example.com/battery\n\ngo 1.21\n\nrequire git.corp.example/team/lib v1.0.0\n' },
        inputs: { ...QUIET, ...run.inputs },
        env: { RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: path.join(root, 'tool-cache') },
        timeoutMs: RUN_BOUND_MS,
      });
    } catch (error) {
      fail(`the emulation could not run it: ${String(error)}`);
      return;
    }
    for (const step of [result.main, result.post]) {
      if (step === null) continue;
      const where = `${step.phase} step`;
      if (step.timedOut) fail(`${where} still running after ${RUN_BOUND_MS / 1000} s`);
      const log = `${step.rawStdout}${step.rawStderr}`;
      if (Buffer.byteLength(log) >= MiB) fail(`${where} log is ${Buffer.byteLength(log)} bytes`);
      if (STACK_TRACE.test(log)) fail(`${where} printed a stack trace or an unexpected failure: ${log.match(STACK_TRACE)?.[0]}`);
      const token = secretOf(run.hostile, Object.keys(run.inputs));
      if (token !== null) {
        const printed = step.rawStdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n') + step.rawStderr;
        if (printed.includes(token)) fail(`${where} log holds the planted secret`);
        for (const [name, value] of Object.entries(step.outputs)) if (value.includes(token)) fail(`${where} output ${name} holds the planted secret`);
      }
    }
    const commands = path.join(runnerTemp, '_runner_file_commands');
    const files = existsSync(commands) ? await readdir(commands) : [];
    // The runner's summary files, read as written (the emulation's copy is already masked).
    if (!files.some((name) => name.startsWith('step_summary_'))) fail(`no summary file under ${commands}`);
    for (const file of files.filter((name) => name.startsWith('step_summary_'))) {
      const summary = await readFile(path.join(commands, file), 'utf8');
      if (Buffer.byteLength(summary) >= MiB) fail(`summary is ${Buffer.byteLength(summary)} bytes`);
      const token = secretOf(run.hostile, Object.keys(run.inputs));
      if (token !== null && summary.includes(token)) fail('summary holds the planted secret');
    }
    const main = result.main;
    const errors = main.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
    if (run.refused !== undefined) {
      if (main.exitCode === 0) fail(`refused in-process but the step succeeded`);
      if (!errors.some((message) => message.includes(`'${run.refused}'`))) fail(`the failure does not name '${run.refused}': ${errors.join(' | ').slice(0, 300)}`);
    } else if (main.exitCode !== 0 && !main.timedOut) {
      // A stop caused by one of the inputs names it; configuration problems name the variable.
      const named = Object.keys(run.inputs).flatMap((input) => [`'${input}'`, `\`${input}\``, ...(input in INPUT_FOR_VARIABLE_BY_INPUT ? [INPUT_FOR_VARIABLE_BY_INPUT[input]!] : [])]);
      // Inputs that go together may be named in the other's message ("client-certificate is set
      // but client-key is empty"): the name as a word is enough there.
      const asWord = (name: string): RegExp => new RegExp(`(^|[^a-z-])${name.replace(/[-]/g, '\\-')}([^a-z-]|$)`);
      const mentioned = (message: string): boolean => named.some((name) => message.includes(name)) || Object.keys(run.inputs).some((input) => asWord(input).test(message));
      if (!errors.some(mentioned)) fail(`failed without naming an input or its variable: ${errors.join(' | ').slice(0, 300)}`);
    }
  });
  return failures;
}

const INPUT_FOR_VARIABLE_BY_INPUT: Record<string, string> = Object.fromEntries(Object.entries(INPUT_FOR_VARIABLE).map(([variable, input]) => [input, variable]));

test('hostile values x every input: bounded, clear, no stack trace, no secret, no injected command, summary and log under 1 MiB', async () => {
  await rm(MARKER_DIR, { recursive: true, force: true });
  await mkdir(MARKER_DIR, { recursive: true });
  const started = Date.now();
  const failures: string[] = [];
  const runs: Run[] = [];
  let rotation = 0;
  for (const hostile of HOSTILE) {
    const accepted: string[] = [];
    const refused: string[] = [];
    for (const input of INPUTS) {
      const error = refusal(input, hostile.value);
      if (error === null) {
        accepted.push(input);
        continue;
      }
      refused.push(input);
      // In this process for every pair: the message names the input, is short, shows no
      // control character and no planted secret.
      const label = `${input} = ${hostile.name}`;
      if (error.input !== input || !error.message.includes(`'${input}'`)) failures.push(`${label}: the message does not name the input: ${error.message.slice(0, 200)}`);
      if (error.message.length > 1200) failures.push(`${label}: a message of ${error.message.length} characters`);
      if (/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(error.message)) failures.push(`${label}: a raw control character in the message`);
      const token = secretOf(hostile, [input]);
      if (token !== null && error.message.includes(token)) failures.push(`${label}: the message holds the planted secret`);
    }
    if (hostile.inProcessOnly === true) continue;
    if (refused.length > 0) {
      const input = refused[rotation++ % refused.length]!;
      runs.push({ label: `${input} = ${hostile.name} (refused)`, hostile, inputs: { [input]: hostile.value }, refused: input });
    }
    // Where the planted text is a secret for some inputs only (git-token: always), those share a
    // run apart from the inputs that may print it (a GOPRIVATE pattern is shown as written).
    const together = accepted.filter((input) => SHARES_A_RUN.has(input));
    const secretFor = together.filter((input) => secretOf(hostile, [input]) !== null);
    for (const group of hostile.secretIn === undefined ? [together] : [secretFor, together.filter((input) => !secretFor.includes(input))]) {
      if (group.length > 0) runs.push({ label: `${group.join(', ')} = ${hostile.name}`, hostile, inputs: Object.fromEntries(group.map((input) => [input, hostile.value])) });
    }
    for (const input of accepted.filter((name) => !SHARES_A_RUN.has(name))) runs.push({ label: `${input} = ${hostile.name}`, hostile, inputs: { [input]: hostile.value } });
  }

  const queue = [...runs];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let run = queue.shift(); run !== undefined; run = queue.shift()) failures.push(...(await runOne(run)));
    }),
  );
  const injected = await readdir(MARKER_DIR);
  await rm(MARKER_DIR, { recursive: true, force: true });
  // The pairs' count and the time, for the record.
  console.log(`hostile battery: ${HOSTILE.length} values x ${INPUTS.length} inputs, ${runs.length} runs of dist/, ${Math.round((Date.now() - started) / 1000)} s`);
  assert.deepEqual(injected, [], 'a hostile value ran a command');
  assert.deepEqual(failures, []);
});
