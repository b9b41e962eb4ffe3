// The container outputs: files in a private directory under RUNNER_TEMP (the env-file, and the
// netrc-file with only the entries this action manages, mode 0600), the build-args text, and the
// post step's removal of that directory.

import { lstat, mkdir, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Problem } from '../problems.js';
import type { NetrcEntry } from '../go/netrc.js';
import { redactForDisplay } from '../go/redact.js';
import { buildArgsText, envFileText, netrcText, planContainerEnv, type ContainerVariable } from './dockerEnv.js';

export const CONTAINER_STATE_KEY = 'container-files';

/** Every directory this action makes for container files starts so; post removes nothing else. */
export const CONTAINER_DIR_PREFIX = 'setup-goproxy-container-';

export interface ContainerOutputsInput {
  /** The values exported to later steps (GOPROXY after the probe). */
  values: Readonly<Record<ContainerVariable, string>>;
  /** The .netrc entries this action added (CredentialMainResult.managedNetrcEntries). */
  netrcEntries: readonly NetrcEntry[];
  env: NodeJS.ProcessEnv;
  /**
   * Called before any file is written, with the state the post step needs to remove them (save
   * it with core.saveState); `holdsSecrets` says a netrc file will be written, so the post step
   * must run even after a failed step.
   */
  beforeWrite: (state: Record<string, string>, holdsSecrets: boolean) => void;
}

export interface ContainerOutputs {
  /** Path of the env-file, '' when not written. */
  envFile: string;
  /** Multi-line KEY=VALUE text, '' when not written. */
  buildArgs: string;
  /** Path of the netrc file, '' when there is nothing to put in it. */
  netrcFile: string;
  problems: Problem[];
}

interface ContainerState {
  dir: string;
}

export async function writeContainerOutputs(input: ContainerOutputsInput): Promise<ContainerOutputs> {
  const plan = planContainerEnv(input.values);
  const none: ContainerOutputs = { envFile: '', buildArgs: '', netrcFile: '', problems: plan.problems };
  if (plan.lines === null && input.netrcEntries.length === 0) return none;
  const parent = input.env['RUNNER_TEMP'] || tmpdir();
  let dir: string;
  try {
    await mkdir(parent, { recursive: true });
    // mkdtemp makes the directory 0700: only the runner's user can list or read it.
    dir = await mkdtemp(path.join(parent, CONTAINER_DIR_PREFIX));
    input.beforeWrite({ [CONTAINER_STATE_KEY]: JSON.stringify({ dir } satisfies ContainerState) }, input.netrcEntries.length > 0);
    const outputs: ContainerOutputs = { ...none, problems: [...plan.problems] };
    if (plan.lines !== null) {
      outputs.envFile = path.join(dir, 'go.env');
      await writeFile(outputs.envFile, envFileText(plan.lines), { mode: 0o644 });
      outputs.buildArgs = buildArgsText(plan.lines);
    }
    if (input.netrcEntries.length > 0) {
      outputs.netrcFile = path.join(dir, 'netrc');
      await writeFile(outputs.netrcFile, netrcText(input.netrcEntries), { mode: 0o600, flag: 'wx' });
      // The mode given to writeFile is filtered by the umask; make it exactly 0600.
      await chmod(outputs.netrcFile, 0o600);
    }
    return outputs;
  } catch (error) {
    return {
      ...none,
      problems: [
        ...plan.problems,
        {
          severity: 'warning',
          code: 'CONTAINER_OUTPUTS_NOT_WRITTEN',
          message: `The env-file and netrc-file outputs could not be written under ${parent}: ${redactForDisplay(error instanceof Error ? error.message : String(error))}.`,
          fix: 'Make RUNNER_TEMP a writable directory.',
        },
      ],
    };
  }
}

/** The post step: remove the directory main made (and only such a directory). */
export async function removeContainerFiles(raw: string): Promise<{ message: string; problems: Problem[] }> {
  if (raw === '') return { message: '', problems: [] };
  let dir: string;
  try {
    dir = (JSON.parse(raw) as ContainerState).dir;
  } catch {
    dir = '';
  }
  if (typeof dir !== 'string' || !path.isAbsolute(dir) || !path.basename(dir).startsWith(CONTAINER_DIR_PREFIX)) {
    return { message: '', problems: [{ severity: 'warning', code: 'CONTAINER_CLEANUP_FAILED', message: 'The saved state of the container files is unreadable; nothing was removed.', fix: `On a reused (self-hosted) runner, delete the ${CONTAINER_DIR_PREFIX}* directories under RUNNER_TEMP.` }] };
  }
  try {
    const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (info === null) return { message: `${dir} was already gone.`, problems: [] };
    if (!info.isDirectory()) throw new Error('it is not a directory');
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    return { message: `Removed the container files (${dir}).`, problems: [] };
  } catch (error) {
    return { message: '', problems: [{ severity: 'warning', code: 'CONTAINER_CLEANUP_FAILED', message: `The container files in ${dir} could not be removed: ${redactForDisplay(error instanceof Error ? error.message : String(error))}.`, fix: 'On a reused (self-hosted) runner, delete that directory: its netrc file holds credentials.' }] };
  }
}
