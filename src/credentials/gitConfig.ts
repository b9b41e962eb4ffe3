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
import { TOKEN_USER, type InsteadOfRule } from './prefixes.js';
import { runGit, type GitRun } from './git.js';

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
  /** -1: unknown (a plan saved before writing, or git rewrote the file): the post step removes the entries with git. */
  appendedLength: number;
  appendedSha256: string;
  rules: Array<{ baseSha256: string; values: string[] }>;
  /** Scopes of the `credential.<scope>.helper` resets added (URLs without secrets). */
  helperResets?: string[];
}

export type GitConfigOutcome =
  | { kind: 'written'; state: GitConfigState; added: number; alreadyPresent: number }
  | { kind: 'failed'; reason: string; fix: string };

export interface WriteHooks {
  /**
   * Called once, before the first change, with a state the post step can undo from (it removes
   * the planned entries that exist), so a main step that dies half-way leaves nothing behind.
   */
  beforeChange?: (pending: GitConfigState) => void;
  platform?: NodeJS.Platform;
}

/** The environment for git, pointing --global at the file we snapshot (in case HOME vs XDG changes). */
function pinnedEnv(env: NodeJS.ProcessEnv, file: string): NodeJS.ProcessEnv {
  return { ...env, GIT_CONFIG_GLOBAL: file };
}

/**
 * The scope of the credential-helper reset for a token rule: every URL with the token's user name
 * on that host, which covers every URL the rule rewrites to (siblings of a prefix without a final
 * slash included). git applies `credential.<url>.helper` entries in config order and an empty
 * value empties the helper list, so this entry, appended after the system and user settings,
 * stops osxkeychain / manager / store from saving the token after a successful fetch.
 */
export function helperResetScope(rule: InsteadOfRule): string {
  const host = rule.prefix.split('/')[0] ?? rule.prefix;
  return `https://${TOKEN_USER}@${host}/`;
}

function helperKey(scope: string): string {
  return `credential.${scope}.helper`;
}

/** `git config --get-all` values, empty ones included (an empty helper is a value). */
function configValues(run: GitRun): string[] {
  if (run.code !== 0) return [];
  const lines = run.stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function noGlobalFile(platform: NodeJS.Platform): { reason: string; fix: string } {
  return platform === 'win32'
    ? { reason: 'neither HOME nor USERPROFILE is set, so git has no global configuration file', fix: 'Set USERPROFILE (or GIT_CONFIG_GLOBAL to a writable file) before this step.' }
    : { reason: 'HOME is not set, so git has no global configuration file', fix: 'Set HOME (or GIT_CONFIG_GLOBAL to a writable file) before this step.' };
}

export async function writeInsteadOfRules(rules: readonly InsteadOfRule[], env: NodeJS.ProcessEnv, hooks: WriteHooks = {}): Promise<GitConfigOutcome> {
  const platform = hooks.platform ?? process.platform;
  const file = globalGitConfigPath(env, platform);
  if (file === null) return { kind: 'failed', ...noGlobalFile(platform) };
  const unwritable = { fix: `Make ${file} a regular file the runner's user can write (or point GIT_CONFIG_GLOBAL at one) before this step.` };
  let before: Buffer | null;
  try {
    before = await readOrNull(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'failed', reason: code === 'EISDIR' ? `${file} is a directory` : `${file} cannot be read (${code})`, ...unwritable };
  }
  const gitEnv = pinnedEnv(env, file);

  // Plan first: what is already there is not ours and is never removed.
  const planned: GitConfigState['rules'] = [];
  const plannedValues = new Map<InsteadOfRule, string[]>();
  let alreadyPresent = 0;
  for (const rule of rules) {
    const current = await runGit(['config', '--global', '--get-all', `url.${rule.base}.insteadOf`], gitEnv, GIT_TIMEOUT_MS);
    if (current.missing) return { kind: 'failed', reason: 'git is not installed (not on PATH)', fix: 'Install git on the runner (or put it on PATH) before this step.' };
    const present = new Set(configValues(current));
    const values = rule.insteadOf.filter((value) => !present.has(value));
    // Already there (the action ran before in this job with the same token): not ours to remove.
    alreadyPresent += rule.insteadOf.length - values.length;
    plannedValues.set(rule, values);
    if (values.length > 0) planned.push({ baseSha256: sha256(rule.base), values });
  }
  const scopes: string[] = [];
  for (const scope of new Set(rules.map(helperResetScope))) {
    const current = await runGit(['config', '--global', '--get-all', helperKey(scope)], gitEnv, GIT_TIMEOUT_MS);
    if (!configValues(current).includes('')) scopes.push(scope);
  }
  const pending: GitConfigState = { file, existed: before !== null, appendedLength: -1, appendedSha256: '', rules: planned, helperResets: scopes };
  if (planned.length === 0 && scopes.length === 0) return { kind: 'written', added: 0, alreadyPresent, state: { ...pending, appendedLength: 0, appendedSha256: sha256('') } };
  hooks.beforeChange?.(pending);

  const recorded: GitConfigState['rules'] = [];
  const resets: string[] = [];
  const undo = async (failure: string): Promise<GitConfigOutcome> => {
    // Undo what this call already wrote before reporting.
    await removeRules(file, recorded, resets, env);
    return { kind: 'failed', reason: `git config failed: ${failure}`, ...unwritable };
  };
  // The helper resets go first, so there is never a moment with the token and without them.
  for (const scope of scopes) {
    const result = await runGit(['config', '--global', '--add', helperKey(scope), ''], gitEnv, GIT_TIMEOUT_MS);
    if (result.code !== 0) return undo(failureText(result));
    resets.push(scope);
  }
  let added = 0;
  for (const rule of rules) {
    const values: string[] = [];
    for (const value of plannedValues.get(rule) ?? []) {
      const result = await runGit(['config', '--global', '--add', `url.${rule.base}.insteadOf`, value], gitEnv, GIT_TIMEOUT_MS);
      if (result.code !== 0) {
        if (values.length > 0) recorded.push({ baseSha256: sha256(rule.base), values });
        return undo(failureText(result));
      }
      values.push(value);
      added++;
    }
    if (values.length > 0) recorded.push({ baseSha256: sha256(rule.base), values });
  }
  let after: Buffer;
  try {
    after = (await readOrNull(file)) ?? Buffer.alloc(0);
  } catch {
    after = Buffer.alloc(0);
  }
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
      helperResets: resets,
    },
  };
}

function failureText(result: GitRun): string {
  return firstLine(result.stderr) || (result.timedOut ? 'timed out' : `exit code ${String(result.code)}`);
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

export interface RestoreOutcome {
  /**
   * 'restored': cut our suffix off; 'removed-with-git': the file changed since, entries removed
   * one by one; 'nothing': none of the entries is there any more (a second post run, or removed
   * by hand); 'file-gone': the file no longer exists.
   */
  kind: 'restored' | 'deleted' | 'removed-with-git' | 'file-gone' | 'nothing' | 'failed';
  detail: string;
}

export async function restoreGitConfig(state: GitConfigState, env: NodeJS.ProcessEnv): Promise<RestoreOutcome> {
  const resets = state.helperResets ?? [];
  if (state.rules.length === 0 && resets.length === 0) return { kind: 'nothing', detail: 'no git configuration was added' };
  const current = await readOrNull(state.file);
  if (current === null) return { kind: 'file-gone', detail: `${state.file} no longer exists` };
  const length = state.appendedLength;
  if (length > 0 && current.length >= length && sha256(current.subarray(current.length - length)) === state.appendedSha256) {
    const restored = current.subarray(0, current.length - length);
    if (!state.existed && restored.length === 0) {
      await unlink(state.file);
      return { kind: 'deleted', detail: `removed ${state.file}, which did not exist before` };
    }
    await writeFile(state.file, restored);
    return { kind: 'restored', detail: `restored ${state.file} as it was` };
  }
  const removal = await removeRules(state.file, state.rules, resets, env);
  if (removal.error !== null) return { kind: 'failed', detail: removal.error };
  if (!state.existed) {
    const left = await readOrNull(state.file);
    if (left !== null && left.length === 0) await unlink(state.file);
  }
  if (removal.removed === 0) return { kind: 'nothing', detail: `the git-token rules are no longer in ${state.file}` };
  // A plan saved before writing (appendedLength -1 from the start) is no sign of a later change.
  return { kind: 'removed-with-git', detail: `${state.file} changed after the main step; removed the added url.insteadOf rules with git config` };
}

/** Unset each recorded value of each rule whose base hashes to a recorded hash, and each helper reset. */
async function removeRules(file: string, rules: GitConfigState['rules'], helperResets: readonly string[], env: NodeJS.ProcessEnv): Promise<{ error: string | null; removed: number }> {
  let removed = 0;
  if (rules.length === 0 && helperResets.length === 0) return { error: null, removed };
  const listed = await runGit(['config', '--file', file, '--get-regexp', '^(url\\..*\\.insteadof|credential\\..*\\.helper)$'], env, GIT_TIMEOUT_MS);
  if (listed.missing) return { error: 'git is not installed, so the url.insteadOf rules could not be removed', removed };
  if (listed.code !== 0 && listed.code !== 1) return { error: `git config --get-regexp failed: ${firstLine(listed.stderr)}`, removed };
  const wanted = new Map(rules.map((rule) => [rule.baseSha256, new Set(rule.values)]));
  const resets = new Set(helperResets);
  const touched = new Set<string>();
  for (const line of listed.stdout.split('\n')) {
    const space = line.indexOf(' ');
    // `key value`; an entry without a value prints as a bare key.
    const key = space < 0 ? line : line.slice(0, space);
    const value = space < 0 ? null : line.slice(space + 1);
    // Keys print as url.<base>.insteadof / credential.<scope>.helper; the middle contains dots.
    const section = key.slice(0, key.indexOf('.'));
    const middle = key.slice(section.length + 1, key.lastIndexOf('.'));
    let name: string;
    if (section === 'url') {
      const values = wanted.get(sha256(middle));
      if (value === null || values === undefined || !values.has(value)) continue;
      name = `url.${middle}.insteadOf`;
    } else if (section === 'credential') {
      if (value !== '' || !resets.has(middle)) continue;
      resets.delete(middle);
      name = helperKey(middle);
    } else {
      continue;
    }
    const unset = await runGit(['config', '--file', file, '--fixed-value', '--unset', name, value], env, GIT_TIMEOUT_MS);
    if (unset.code !== 0) return { error: `git config --unset failed: ${firstLine(unset.stderr)}`, removed };
    removed++;
    touched.add(`${section}.${middle}`);
  }
  for (const section of touched) {
    const left = await runGit(['config', '--file', file, '--get-regexp', `^${escapeRegExp(section)}\\.`], env, GIT_TIMEOUT_MS);
    // Older git keeps an empty [url "<base>"] header, which still shows the token: drop it.
    if (left.code === 1) await runGit(['config', '--file', file, '--remove-section', section], env, GIT_TIMEOUT_MS);
  }
  return { error: null, removed };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
