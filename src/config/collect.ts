// Gathers every layer a Go module variable can come from (go-semantics §1) plus the action's own
// two layers (the input and the env-file), reading each file once.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
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
  return { effective, emptySettings, envFile, go, goProblem, userEnvFile, gorootEnvFile: gorootText === null ? null : gorootEnvFile };
}

async function readEnvFileInput(workspace: string, relative: string): Promise<EnvFileInfo> {
  const absolute = path.resolve(workspace, relative);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new EnvFileError(`Input 'env-file' names '${relative}', but ${reason}. Give a path relative to the repository root, e.g. 'env-file: go.env', or remove the input.`);
  }
  return { file: path.relative(workspace, absolute).split(path.sep).join('/'), values: parseGoEnvFile(text), lines: envFileKeyLines(text) };
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
    if (equals > 0 && /^[A-Z]/.test(line)) lines.set(line.slice(0, equals), index + 1);
  });
  return lines;
}

async function readOptional(file: string): Promise<string> {
  return (await readOptionalOrNull(file)) ?? '';
}

async function readOptionalOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}
