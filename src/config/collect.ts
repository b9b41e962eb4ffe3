// Gathers every layer a Go module variable can come from (go-semantics §1) plus the action's own
// two layers (the input and the env-file), reading each file once.

import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { readRepoFile, type RepoFileFailure } from '../workspace/repoFile.js';
import { displayValue } from '../report/bounds.js';
import { overLimit, variableLimit } from './inputLimits.js';
import { INPUT_FOR_VARIABLE } from './readInputs.js';
import { parseGoEnvFile } from '../go/envFile.js';
import { GO_DEFAULTS, resolveModuleEnv, type Resolved, type ValueLayers } from '../go/precedence.js';
import { inspectGo, type GoInstallation } from '../go/goCommand.js';
import type { EmptyOverride } from './lintOther.js';

export const CONFIGURED_VARIABLES = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOFLAGS', 'GOINSECURE'] as const;
export type ConfiguredVariable = (typeof CONFIGURED_VARIABLES)[number];

export interface EnvFileInfo {
  /** Repository-relative path, for annotations. */
  file: string;
  values: Map<string, string>;
  /** Line (1-based) of the definition Go would use for each key (the last one). */
  lines: Map<string, number>;
}

export interface CollectedSettings {
  effective: Record<ConfiguredVariable, Resolved>;
  emptySettings: EmptyOverride[];
  envFile: EnvFileInfo | null;
  go: GoInstallation | null;
  goProblem: string | null;
  userEnvFile: string | null;
  gorootEnvFile: string | null;
}

export interface CollectOptions {
  inputs: Partial<Record<ConfiguredVariable, string>>;
  env: NodeJS.ProcessEnv;
  workspace: string;
  workingDirectory: string;
  /** The env-file input, relative to the workspace; '' for none. */
  envFilePath: string;
}

export class EnvFileError extends Error {}

export async function collectSettings(options: CollectOptions): Promise<CollectedSettings> {
  const envFile = options.envFilePath === '' ? null : await readEnvFileInput(options.workspace, options.envFilePath);
  const inspected = await inspectGo(options.env, options.workingDirectory);
  const go = inspected !== null && !('error' in inspected) ? inspected : null;
  const goProblem = inspected !== null && 'error' in inspected ? inspected.error : null;

  const userEnvFile = go !== null && go.goenv !== '' ? go.goenv : null;
  const gorootEnvFile = go !== null && go.goroot !== '' ? path.join(go.goroot, 'go.env') : null;
  const userValues = userEnvFile === null ? new Map<string, string>() : parseGoEnvFile(await readOptional(userEnvFile));
  const gorootText = gorootEnvFile === null ? null : await readOptionalOrNull(gorootEnvFile);
  const gorootValues = gorootText === null ? new Map<string, string>() : parseGoEnvFile(gorootText);

  const layers: Record<string, ValueLayers> = {};
  const emptySettings: EmptyOverride[] = [];
  for (const variable of CONFIGURED_VARIABLES) {
    const layer: ValueLayers = {};
    const input = options.inputs[variable];
    if (input !== undefined && input !== '') layer.input = input;
    const envValue = options.env[variable];
    if (envValue !== undefined) layer.env = envValue;
    if (envValue === '' && layer.input === undefined) emptySettings.push({ variable, where: 'the job environment', setIn: 'env' });
    const fileValue = envFile?.values.get(variable);
    if (fileValue !== undefined) layer.envFile = fileValue;
    if (fileValue === '' && envFile !== null && layer.input === undefined && !envValue) emptySettings.push({ variable, where: envFile.file, setIn: 'env-file' });
    const userValue = userValues.get(variable);
    if (userValue !== undefined) layer.userEnvFile = userValue;
    const gorootValue = gorootValues.get(variable);
    if (gorootValue !== undefined) layer.gorootEnvFile = gorootValue;
    layers[variable] = layer;
  }
  // Without a readable $GOROOT/go.env (no go binary), Go's documented defaults stand in for it.
  const builtins: Record<string, string> = gorootText === null ? { ...GO_DEFAULTS } : {};
  const resolved = resolveModuleEnv(layers, builtins);
  const effective = Object.fromEntries(CONFIGURED_VARIABLES.map((variable) => [variable, resolved[variable] ?? { value: '', source: 'unset' }])) as Record<ConfiguredVariable, Resolved>;
  checkFileValueLimits(effective, envFile?.file ?? '', userEnvFile, gorootEnvFile);
  return { effective, emptySettings, envFile, go, goProblem, userEnvFile, gorootEnvFile: gorootText === null ? null : gorootEnvFile };
}

/**
 * Values from files (the env-file, GOENV, $GOROOT/go.env) are held to the limits of the inputs
 * that set the same variables (inputs and the job env were checked before anything parsed them),
 * so every lint, route and message works on bounded text.
 */
function checkFileValueLimits(effective: Record<ConfiguredVariable, Resolved>, envFile: string, userEnvFile: string | null, gorootEnvFile: string | null): void {
  for (const variable of CONFIGURED_VARIABLES) {
    const { value, source } = effective[variable];
    const file = source === 'env-file' ? envFile : source === 'go-env-file' ? userEnvFile : source === 'goroot-go.env' ? gorootEnvFile : null;
    if (file === null) continue;
    const over = overLimit(value, variableLimit(variable), `${variable} in ${displayValue(file)}`);
    if (over === null) continue;
    const where = source === 'env-file' ? `the env-file '${displayValue(file)}' (input 'env-file')` : `the go env file ${displayValue(file)}`;
    throw new EnvFileError(`${variable} from ${where} has the value '${displayValue(value)}': ${over.reason} (the limit of the '${INPUT_FOR_VARIABLE[variable]}' input). ${over.fix}`);
  }
}

/** The env-file holds a few KEY=VALUE lines; anything larger is not one. */
export const ENV_FILE_MAX_BYTES = 256 * 1024;

const ENV_FILE_FAILURES: Readonly<Record<RepoFileFailure, string>> = {
  'not-found': 'the file does not exist',
  'outside-workspace': 'it resolves (through a symbolic link or an absolute path) to a place outside the workspace, which this action does not read',
  'not-regular': 'it is not a regular file (a directory, FIFO, socket or device)',
  'too-large': `it is larger than ${ENV_FILE_MAX_BYTES / 1024} KiB, far more than an env-file of KEY=VALUE lines`,
  unreadable: 'the file cannot be read',
};

async function readEnvFileInput(workspace: string, relative: string): Promise<EnvFileInfo> {
  const read = await readRepoFile(workspace, relative, { maxBytes: ENV_FILE_MAX_BYTES });
  if (!read.ok) {
    const detail = read.failure === 'unreadable' ? ` (${read.detail})` : '';
    throw new EnvFileError(`Input 'env-file' names '${displayValue(relative)}', but ${ENV_FILE_FAILURES[read.failure]}${detail}. Give a regular file inside the repository, relative to its root, e.g. 'env-file: go.env', or remove the input.`);
  }
  const absolute = path.resolve(workspace, relative);
  const text = withoutCarriageReturns(read.text);
  return { file: path.relative(workspace, absolute).split(path.sep).join('/'), values: parseGoEnvFile(text), lines: envFileKeyLines(text) };
}

/**
 * The env-file is the project's own file, often checked out with CRLF line ends (git's
 * core.autocrlf on Windows): the "\r" is the line end, not part of the value, so every reader
 * (lints, routing, the pre-warm, the exported value) sees "github.com/org", not "github.com/org\r".
 * The go command's own files (GOENV, $GOROOT/go.env) keep their "\r" as the go command does.
 */
export function withoutCarriageReturns(text: string): string {
  return text.includes('\r') ? text.split('\r\n').join('\n') : text;
}

/**
 * Line numbers for the keys of a go.env-format file, using the same line rule as the parser
 * (split on "\n", a key is the text before the first "=" of a line starting with A-Z); the last
 * definition wins, as in Go.
 */
export function envFileKeyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, index) => {
    const equals = line.indexOf('=');
    const first = line.charCodeAt(0);
    if (equals > 0 && first >= 0x41 && first <= 0x5a) lines.set(line.slice(0, equals), index + 1);
  });
  return lines;
}

async function readOptional(file: string): Promise<string> {
  return (await readOptionalOrNull(file)) ?? '';
}

/** GOENV and $GOROOT/go.env are small; a larger (or endless) one is read no further than this. */
export const GO_ENV_FILE_MAX_BYTES = 1024 * 1024;

/**
 * The go command's own files, outside the workspace: missing is normal, and a FIFO or a device
 * named by GOENV must not block the step (non-blocking open, regular files only, bounded read).
 */
async function readOptionalOrNull(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK));
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    const buffer = Buffer.alloc(Math.min(info.size, GO_ENV_FILE_MAX_BYTES));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
