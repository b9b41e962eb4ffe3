// Files the main step leaves for its post step. The runner hands the post step its state as
// STATE_* environment variables, and one variable holds at most 128 KiB on Linux (MAX_ARG_STRLEN:
// the post step would fail to start with E2BIG); Windows allows 32 K characters for the whole
// environment block. So anything that grows with the workspace (the download targets, the plan,
// the list of restored build-cache entries) goes into a file in RUNNER_TEMP, and the state only
// names it. The file is the job's own (0600, created new), and the post step removes it.

import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where the files go: RUNNER_TEMP (emptied by the runner after the job), else the OS temp dir. */
export function stateFileDir(env: NodeJS.ProcessEnv): string {
  return env['RUNNER_TEMP'] || os.tmpdir();
}

/** Writes `text` to a new file `setup-goproxy-<purpose>-<random><ext>`; returns its path. */
export async function writeStateFile(env: NodeJS.ProcessEnv, purpose: string, ext: string, text: string): Promise<string> {
  const file = path.join(stateFileDir(env), `setup-goproxy-${purpose}-${randomBytes(8).toString('hex')}${ext}`);
  // 'wx': never write through a file (or a link) that is already there.
  await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  return file;
}

export async function readStateFile(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

export async function removeStateFile(file: string | null | undefined): Promise<void> {
  if (file) await rm(file, { force: true }).catch(() => undefined);
}
