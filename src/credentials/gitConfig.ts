// Writing the token's url.<base>.insteadOf rules with `git config --global`, and taking them out
// again in the post step. git appends new sections at the end of the file (adding a newline
// first when the file lacked one), so the bytes added are a suffix: when the file still ends with
// exactly that suffix the post step cuts it off and the file is byte for byte what it was (git's
// own --unset would keep the added newline). If something else changed the file in between, the
// rules are removed one by one with git instead.

import { createHash } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { InsteadOfRule } from './prefixes.js';
import { runGit } from './git.js';

const GIT_TIMEOUT_MS = 15_000;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file `git config --global` writes (git's config.c git_global_config): $GIT_CONFIG_GLOBAL;
 * else ~/.gitconfig, unless that is unreadable while the XDG file ($XDG_CONFIG_HOME/git/config,
 * default ~/.config/git/config) is readable. null when HOME is unset (git then refuses --global).
 */
export function globalGitConfigPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  if (env['GIT_CONFIG_GLOBAL']) return env['GIT_CONFIG_GLOBAL'];
  // Git for Windows falls back to USERPROFILE when HOME is unset.
  const home = env['HOME'] || (platform === 'win32' ? env['USERPROFILE'] : undefined);
  if (!home) return null;
  const user = path.join(home, '.gitconfig');
  const xdg = env['XDG_CONFIG_HOME'] ? path.join(env['XDG_CONFIG_HOME'], 'git', 'config') : path.join(home, '.config', 'git', 'config');
  return !readable(user) && readable(xdg) ? xdg : user;
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** What main records for the post step: never the token, only hashes of the rule bases. */
export interface GitConfigState {
  file: string;
  existed: boolean;
  appendedLength: number;
  appendedSha256: string;
  rules: Array<{ baseSha256: string; values: string[] }>;
}

export type GitConfigOutcome =
  | { kind: 'written'; state: GitConfigState; added: number; alreadyPresent: number }
  | { kind: 'failed'; reason: string };

/** The environment for git, pointing --global at the file we snapshot (in case HOME vs XDG changes). */
function pinnedEnv(env: NodeJS.ProcessEnv, file: string): NodeJS.ProcessEnv {
  return { ...env, GIT_CONFIG_GLOBAL: file };
}

export async function writeInsteadOfRules(rules: readonly InsteadOfRule[], env: NodeJS.ProcessEnv): Promise<GitConfigOutcome> {
  const file = globalGitConfigPath(env);
  if (file === null) return { kind: 'failed', reason: 'HOME is not set, so git has no global configuration file' };
  const before = await readOrNull(file);
  const gitEnv = pinnedEnv(env, file);
  const recorded: GitConfigState['rules'] = [];
  let added = 0;
  let alreadyPresent = 0;
  for (const rule of rules) {
    const key = `url.${rule.base}.insteadOf`;
    const current = await runGit(['config', '--global', '--get-all', key], gitEnv, GIT_TIMEOUT_MS);
    if (current.missing) return { kind: 'failed', reason: 'git is not installed (not on PATH)' };
    const present = new Set(current.code === 0 ? current.stdout.split('\n').filter((line) => line !== '') : []);
    const values: string[] = [];
    for (const value of rule.insteadOf) {
      if (present.has(value)) {
        // Already there (the action ran before in this job with the same token): not ours to remove.
        alreadyPresent++;
        continue;
      }
      const result = await runGit(['config', '--global', '--add', key, value], gitEnv, GIT_TIMEOUT_MS);
      if (result.code !== 0) {
        // Undo what this call already wrote before reporting.
        if (recorded.length > 0 || values.length > 0) await removeRules(file, [...recorded, { baseSha256: sha256(rule.base), values }], env);
        return { kind: 'failed', reason: `git config failed: ${firstLine(result.stderr) || (result.timedOut ? 'timed out' : `exit code ${String(result.code)}`)}` };
      }
      values.push(value);
      added++;
    }
    if (values.length > 0) recorded.push({ baseSha256: sha256(rule.base), values });
  }
  const after = (await readOrNull(file)) ?? Buffer.alloc(0);
  const prefix = before ?? Buffer.alloc(0);
  const appendedOnly = after.length >= prefix.length && after.subarray(0, prefix.length).equals(prefix);
  const appended = appendedOnly ? after.subarray(prefix.length) : null;
  return {
    kind: 'written',
    added,
    alreadyPresent,
    state: {
      file,
      existed: before !== null,
      // -1: git rewrote the file instead of appending, so the post step uses git to remove the rules.
      appendedLength: appended === null ? -1 : appended.length,
      appendedSha256: appended === null ? '' : sha256(appended),
      rules: recorded,
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

export interface RestoreOutcome {
  /** 'restored': cut our suffix off; 'removed-with-git': the file changed since, rules removed one by one. */
  kind: 'restored' | 'deleted' | 'removed-with-git' | 'file-gone' | 'nothing' | 'failed';
  detail: string;
}

export async function restoreGitConfig(state: GitConfigState, env: NodeJS.ProcessEnv): Promise<RestoreOutcome> {
  if (state.rules.length === 0) return { kind: 'nothing', detail: 'no git configuration was added' };
  const current = await readOrNull(state.file);
  if (current === null) return { kind: 'file-gone', detail: `${state.file} no longer exists` };
  const length = state.appendedLength;
  if (length >= 0 && current.length >= length && sha256(current.subarray(current.length - length)) === state.appendedSha256) {
    const restored = current.subarray(0, current.length - length);
    if (!state.existed && restored.length === 0) {
      await unlink(state.file);
      return { kind: 'deleted', detail: `removed ${state.file}, which did not exist before` };
    }
    await writeFile(state.file, restored);
    return { kind: 'restored', detail: `restored ${state.file} as it was` };
  }
  const failure = await removeRules(state.file, state.rules, env);
  if (failure !== null) return { kind: 'failed', detail: failure };
  if (!state.existed) {
    const left = await readOrNull(state.file);
    if (left !== null && left.length === 0) await unlink(state.file);
  }
  return { kind: 'removed-with-git', detail: `${state.file} changed after the main step; removed the added url.insteadOf rules with git config` };
}

/** Unset each recorded value of each rule whose base hashes to a recorded hash; null on success. */
async function removeRules(file: string, rules: GitConfigState['rules'], env: NodeJS.ProcessEnv): Promise<string | null> {
  const listed = await runGit(['config', '--file', file, '--get-regexp', '^url\\..*\\.insteadof$'], env, GIT_TIMEOUT_MS);
  if (listed.missing) return 'git is not installed, so the url.insteadOf rules could not be removed';
  if (listed.code !== 0 && listed.code !== 1) return `git config --get-regexp failed: ${firstLine(listed.stderr)}`;
  const wanted = new Map(rules.map((rule) => [rule.baseSha256, new Set(rule.values)]));
  const touched = new Set<string>();
  for (const line of listed.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    // Keys print as url.<base>.insteadof; the base itself contains dots.
    const base = key.slice('url.'.length, key.lastIndexOf('.'));
    const values = wanted.get(sha256(base));
    if (values === undefined || !values.has(value)) continue;
    const unset = await runGit(['config', '--file', file, '--fixed-value', '--unset', `url.${base}.insteadOf`, value], env, GIT_TIMEOUT_MS);
    if (unset.code !== 0) return `git config --unset failed: ${firstLine(unset.stderr)}`;
    touched.add(base);
  }
  for (const base of touched) {
    const left = await runGit(['config', '--file', file, '--get-regexp', `^url\\.${escapeRegExp(base)}\\.`], env, GIT_TIMEOUT_MS);
    // Older git keeps an empty [url "<base>"] header, which still shows the token: drop it.
    if (left.code === 1) await runGit(['config', '--file', file, '--remove-section', `url.${base}`], env, GIT_TIMEOUT_MS);
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
