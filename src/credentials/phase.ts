// The credentials phase: git url.insteadOf rules for a token (direct VCS access to private
// module hosts), .netrc entries for private proxies and hosts (including userinfo moved out of
// GOPROXY), the bounded `git ls-remote` checks, and the post step's clean-up.

import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../problems.js';
import { parseNetrc, type NetrcEntry } from '../go/netrc.js';
import { homeVariable, netrcPath, netrcWriteTargets, readNetrc, readNetrcFile, type NetrcFileRead } from '../go/netrcFile.js';
import { proxyListSecrets, redactForDisplay } from '../go/redact.js';
import { matchPrefixPatterns } from '../go/patterns.js';
import { netrcInputSecrets, parseGitTokenHosts, parseNetrcInput } from './inputs.js';
import { derivePrefixes, insteadOfRule, privatePatterns, repositoryUrl, selectTokenPrefixes, type InsteadOfRule, type TokenPrefix } from './prefixes.js';
import { moveUserinfo, type UserinfoOutcome } from './userinfo.js';
import { lineEnding, netrcBlock, netrcBlockState, removeNetrcBlock } from './netrcEdit.js';
import { helperResetScope, restoreGitConfig, writeInsteadOfRules, type GitConfigState } from './gitConfig.js';
import { lsRemote, type LsRemoteResult } from './lsRemote.js';
import { goReadsNetrc, privateViaPublicProxy } from './validate.js';

export interface CredentialOptions {
  gitToken: string;
  /** Raw input. */
  gitTokenHosts: string;
  /** Raw input. */
  netrc: string;
  goproxy: string;
  goprivate: string;
  gonoproxy: string;
  /** e.g. 'go1.23.5'; null when unknown. */
  goVersion: string | null;
  env: NodeJS.ProcessEnv;
  required: Array<{ path: string; version: string; goModFile: string; line: number; viaProxy: boolean }>;
  checkTimeoutMs: number;
  /**
   * Called with the clean-up state before each change to the runner (and after it), so the post
   * step can undo a main step that dies half-way: main saves it with core.saveState.
   */
  onState?: (state: Record<string, string>) => void;
  /** For tests of other platforms' rules; default process.platform. */
  platform?: NodeJS.Platform;
}

export interface CredentialMainResult {
  /** GOPROXY with userinfo moved out where that was done. */
  goproxy: string;
  /** The .netrc entries the go command will now use (for the probe). */
  netrcEntries: Array<{ machine: string; login: string; password: string }>;
  /** Only the entries this action added to .netrc (for the container netrc-file output). */
  managedNetrcEntries: NetrcEntry[];
  problems: Problem[];
  /** Save each with core.saveState; pass them back to cleanUpCredentials in post. */
  state: Record<string, string>;
  needsCleanup: boolean;
  /** Markdown, no secrets. */
  summaryBody: string;
}

/** The one state key this phase uses. */
export const CREDENTIALS_STATE_KEY = 'credentials';

interface NetrcState {
  file: string;
  id: string;
  existed: boolean;
}

interface CredentialState {
  version: 2;
  git?: GitConfigState;
  /** Every file the block was written to (version 1 held one object). */
  netrc?: NetrcState[];
}

/** At most this many repositories are checked with ls-remote, this many at a time. */
const MAX_REPOSITORY_CHECKS = 10;
const CHECK_CONCURRENCY = 4;

// ---------------------------------------------------------------------------------------------
// Secrets

/** Every credential the options carry, in each form git, curl or the go command may print it. */
export function credentialSecrets(options: Pick<CredentialOptions, 'gitToken' | 'netrc' | 'goproxy'>): string[] {
  const found = new Set<string>();
  const token = options.gitToken.trim();
  if (token !== '') {
    found.add(token);
    found.add(encodeURIComponent(token));
    // The Basic header git sends (visible with GIT_TRACE_CURL if redaction is turned off).
    found.add(Buffer.from(`x-access-token:${token}`).toString('base64'));
  }
  if (options.gitToken !== token && options.gitToken.trim() !== '') found.add(options.gitToken);
  for (const secret of netrcInputSecrets(options.netrc)) found.add(secret);
  for (const secret of proxyListSecrets(options.goproxy)) found.add(secret);
  return [...found].filter((secret) => secret !== '');
}

function registerSecrets(secrets: readonly string[]): void {
  for (const secret of secrets) core.setSecret(secret);
}

/** Belt and braces for texts built from git's output: remove URL userinfo and any known secret. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = redactForDisplay(text);
  // Longest first, so a secret containing another is replaced whole. Short values (user names
  // such as "deploy" are in the list too) would garble ordinary words; the runner masks them.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret.length >= 8) out = out.split(secret).join('***');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

function tokenPrefixes(options: CredentialOptions, hosts: readonly string[]): { selected: TokenPrefix[]; unexpressible: Array<{ pattern: string; reason: string }>; hasPrivatePatterns: boolean } {
  // GONOPROXY resolves to GOPRIVATE when empty (cfg.go); the lead passes resolved values, this
  // keeps the rule true for callers that do not.
  const derived = derivePrefixes(privatePatterns(options.goprivate, options.gonoproxy || options.goprivate));
  return {
    selected: selectTokenPrefixes(derived.prefixes, hosts),
    unexpressible: derived.unexpressible,
    hasPrivatePatterns: derived.prefixes.length > 0 || derived.unexpressible.length > 0,
  };
}

/** GOPROXY=direct sends every module to git (GOPROXY=off sends none but GONOPROXY ones). */
function goesDirectFirst(goproxy: string): boolean {
  const first = goproxy.split(/[,|]/).map((entry) => entry.trim()).find((entry) => entry !== '');
  return first === 'direct';
}

/** The clean-up state as core.saveState takes it. */
function stateRecord(state: CredentialState): Record<string, string> {
  return { [CREDENTIALS_STATE_KEY]: JSON.stringify(state) };
}

function hasCleanup(state: CredentialState): boolean {
  return state.git !== undefined || (state.netrc ?? []).length > 0;
}

export async function setUpCredentials(options: CredentialOptions): Promise<CredentialMainResult> {
  const secrets = credentialSecrets(options);
  registerSecrets(secrets);
  const netrcInput = parseNetrcInput(options.netrc);
  const hosts = parseGitTokenHosts(options.gitTokenHosts);
  const token = options.gitToken.trim();
  const platform = options.platform ?? process.platform;
  const problems: Problem[] = [];
  const summary: string[] = [];
  const state: CredentialState = { version: 2 };
  // Write-ahead: the post step learns of every change before it is made.
  const record = (): void => {
    if (hasCleanup(state)) options.onState?.(stateRecord(state));
  };

  // --- git: url.<token URL>.insteadOf rules for the private prefixes ---------------------------
  const { selected, unexpressible, hasPrivatePatterns } = tokenPrefixes(options, hosts);
  let rules: InsteadOfRule[] = [];
  if (token !== '') {
    // A pattern whose host git-token-hosts names is covered by that host's whole-host rule.
    for (const pattern of unexpressible.filter((p) => !hosts.some((host) => matchPrefixPatterns(p.pattern, host)))) {
      problems.push({
        severity: 'notice',
        code: 'GIT_TOKEN_PATTERN_NOT_SCOPED',
        variable: 'git-token-hosts',
        message: `The private pattern "${pattern.pattern}" gets no git-token rule: ${pattern.reason}.`,
        fix: 'List the hosts in git-token-hosts (the token is then used for the whole host), list the organisations explicitly in GOPRIVATE, or give credentials for those hosts with the netrc input.',
      });
    }
    rules = selected.map((prefix) => insteadOfRule(prefix.prefix, token));
    if (rules.length === 0) {
      problems.push({
        severity: 'warning',
        code: 'GIT_TOKEN_UNUSED',
        variable: 'git-token',
        message: 'git-token is set but no GOPRIVATE/GONOPROXY pattern names a host it could be used for, so it is not configured anywhere.',
        fix: 'Set GOPRIVATE to the private module prefixes (e.g. github.com/my-org), or name the hosts in git-token-hosts.',
      });
    } else {
      if (!hasPrivatePatterns && !goesDirectFirst(options.goproxy)) {
        problems.push({
          severity: 'warning',
          code: 'GIT_TOKEN_UNUSED',
          variable: 'git-token',
          message: `git-token is configured for ${hosts.join(', ')}, but no GOPRIVATE/GONOPROXY pattern sends any module there directly: modules go through GOPROXY, and git only sees those a proxy answers 404 for (and the public checksum database then rejects private ones).`,
          fix: 'Set GOPRIVATE to the private module prefixes (e.g. github.com/my-org).',
        });
      }
      const notConfigured = (reason: string, fix: string): Problem => ({
        severity: 'warning',
        code: 'GIT_TOKEN_NOT_CONFIGURED',
        variable: 'git-token',
        message: `git-token could not be configured: ${scrub(reason, secrets)}. Private modules fetched directly will fail to authenticate.`,
        fix,
      });
      let outcome: Awaited<ReturnType<typeof writeInsteadOfRules>>;
      try {
        outcome = await writeInsteadOfRules(rules, options.env, {
          platform,
          beforeChange: (pending) => {
            state.git = pending;
            record();
          },
        });
      } catch (error) {
        outcome = { kind: 'failed', reason: error instanceof Error ? error.message : String(error), fix: 'Make git available on PATH and its global configuration file writable before this step.' };
      }
      if (outcome.kind === 'failed') {
        // A plan saved before the failure stays: the post step removes whatever of it is left.
        problems.push(notConfigured(outcome.reason, outcome.fix));
        rules = [];
      } else {
        if (outcome.state.rules.length > 0 || (outcome.state.helperResets ?? []).length > 0) {
          state.git = outcome.state;
          record();
        }
        summary.push(`- **git**: \`git-token\` is used for ${rules.map((rule) => `\`https://${rule.prefix}${rule.insteadOf[0]!.endsWith('/') ? '/' : ''}\``).join(', ')} (and the matching \`git@\` / \`ssh://\` forms), through \`url.<…>.insteadOf\` in \`${outcome.state.file}\`, with git's credential helpers turned off for those URLs so no keychain stores the token${state.git ? '; the post step removes it' : ''}.`);
      }
    }
  } else if (hosts.length > 0) {
    problems.push({
      severity: 'warning',
      code: 'GIT_TOKEN_HOSTS_WITHOUT_TOKEN',
      variable: 'git-token-hosts',
      message: `git-token-hosts names ${hosts.join(', ')} but git-token is empty, so nothing is configured.`,
      fix: 'Pass the token as git-token (e.g. git-token: ${{ secrets.PRIVATE_MODULES_TOKEN }}), or remove git-token-hosts.',
    });
  }

  // --- netrc: the input's entries and GOPROXY userinfo ------------------------------------------
  const lookup = { platform, goVersion: options.goVersion };
  const goFile = netrcPath(options.env, lookup);
  const goRead: NetrcFileRead = goFile === null ? { kind: 'missing' } : await readNetrcFile(goFile, platform);
  const existing = goRead.kind === 'ok' ? goRead.bytes : null;
  const existingEntries = parseNetrc(existing?.toString('utf8') ?? '');
  for (const entry of existingEntries) core.setSecret(entry.password);
  const goauth = options.env['GOAUTH'] ?? '';
  const netrcRead = goReadsNetrc(options.goVersion, goauth);
  let goproxy = options.goproxy;
  let outcomes: UserinfoOutcome[] = [];
  let toAdd: NetrcEntry[] = [...netrcInput];
  // Userinfo moves into the netrc only when that file can take it; otherwise it stays in GOPROXY.
  if (goFile !== null && netrcRead && goRead.kind !== 'unusable') {
    const move = moveUserinfo(options.goproxy, [...netrcInput, ...existingEntries]);
    goproxy = move.goproxy;
    outcomes = move.outcomes;
    toAdd = [...netrcInput, ...move.add];
  }
  let netrcEntries = existingEntries;
  let managedNetrcEntries: NetrcEntry[] = [];
  if (toAdd.length > 0) {
    const notWritten = (message: string, fix: string): Problem => ({ severity: 'warning', code: 'NETRC_NOT_WRITTEN', variable: 'netrc', message, fix });
    const targets = netrcWriteTargets(options.env, lookup);
    if (targets.length === 0) {
      const home = homeVariable(platform);
      problems.push(notWritten(`The netrc input could not be written: neither NETRC nor ${home} is set.`, `Set ${home} (or NETRC to the file the go command should read) before this step.`));
    }
    const id = randomBytes(6).toString('hex');
    const written: string[] = [];
    state.netrc = [];
    for (const file of targets) {
      const read = file === goFile ? goRead : await readNetrcFile(file, platform);
      if (read.kind === 'unusable') {
        problems.push(notWritten(`The netrc entries for ${toAdd.map((entry) => entry.machine).join(', ')} could not be written: ${read.reason}. The go command will not authenticate to those hosts.`, read.fix));
        continue;
      }
      const before = read.kind === 'ok' ? read.bytes : null;
      // Bytes, not text: the rest of the file is kept exactly, whatever its encoding.
      const block = Buffer.from(netrcBlock(id, toAdd, lineEnding(before?.toString('latin1') ?? '')), 'utf8');
      const bytes = before === null ? block : Buffer.concat([block, before]);
      const entry: NetrcState = { file, id, existed: before !== null };
      state.netrc.push(entry);
      record();
      try {
        if (before === null) await mkdir(path.dirname(file), { recursive: true });
        // 0600 for a new file: curl and other tools warn about (or ignore) a readable netrc.
        await writeFile(file, bytes, before === null ? { mode: 0o600 } : {});
      } catch (error) {
        state.netrc = state.netrc.filter((recorded) => recorded !== entry);
        record();
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        problems.push(notWritten(`The netrc entries could not be written to ${file} (${code}). The go command will not authenticate to ${toAdd.map((added) => added.machine).join(', ')}.`, `Make ${file} (and its directory) writable by the runner's user, or point NETRC at a writable file.`));
        continue;
      }
      written.push(file);
      managedNetrcEntries = toAdd;
      if (file === goFile) netrcEntries = parseNetrc(bytes.toString('utf8'));
    }
    if (state.netrc.length === 0) delete state.netrc;
    if (written.length > 0) {
      const created = written.filter((file) => !(state.netrc ?? []).find((entry) => entry.file === file)?.existed);
      summary.push(`- **netrc**: entries for ${toAdd.map((entry) => `\`${entry.machine}\``).join(', ')} added to ${written.map((file) => `\`${file}\``).join(' and ')}; the post step removes them${created.length > 0 ? ` (and ${created.length === 1 ? 'the file, which' : 'the files, which'} did not exist)` : ''}.`);
    }
  }
  for (const outcome of outcomes) problems.push(...userinfoProblems(outcome));
  if (outcomes.some((outcome) => outcome.kind === 'moved' || outcome.kind === 'dropped-netrc-wins')) {
    summary.push('- **GOPROXY**: credentials were moved from the URL into netrc; the exported GOPROXY carries none.');
  }
  if (!netrcRead && (netrcInput.length > 0 || proxyListSecrets(options.goproxy).length > 0)) {
    problems.push({
      severity: 'warning',
      code: 'GOAUTH_WITHOUT_NETRC',
      variable: 'GOAUTH',
      message: `GOAUTH="${goauth}" does not include netrc, so the go command ignores the .netrc entries${netrcInput.length > 0 ? ' from the netrc input' : ''} (and GOPROXY credentials were left in place).`,
      fix: 'Add netrc to GOAUTH (e.g. GOAUTH="netrc;<your command>"), or unset GOAUTH to get its netrc default.',
    });
  }

  // --- validation ---------------------------------------------------------------------------
  problems.push(...privateViaPublicProxy(options.required, { goproxy, goprivate: options.goprivate, gonoproxy: options.gonoproxy || options.goprivate }, token === '' ? [] : selected));

  const needsCleanup = hasCleanup(state);
  if (summary.length === 0) summary.push('- No credentials configured.');
  return {
    goproxy,
    netrcEntries: netrcEntries.map((entry) => ({ machine: entry.machine, login: entry.login, password: entry.password })),
    managedNetrcEntries,
    problems: problems.map((problem) => ({ ...problem, message: scrub(problem.message, secrets), ...(problem.fix === undefined ? {} : { fix: scrub(problem.fix, secrets) }) })),
    state: needsCleanup ? stateRecord(state) : {},
    needsCleanup,
    summaryBody: scrub(summary.join('\n') + '\n', secrets),
  };
}

function userinfoProblems(outcome: UserinfoOutcome): Problem[] {
  switch (outcome.kind) {
    case 'moved':
      return [{
        severity: 'notice',
        code: 'GOPROXY_CREDENTIALS_MOVED',
        variable: 'GOPROXY',
        message: `The credentials in the GOPROXY URL for ${outcome.machine} were moved into .netrc (machine ${outcome.machine}); the exported GOPROXY has no userinfo, so it cannot leak through logs or \`go env\`.`,
        fix: 'Nothing to do; to avoid the move, give the credentials with the netrc input instead of in the URL.',
      }];
    case 'dropped-netrc-wins':
      return [{
        severity: 'notice',
        code: 'GOPROXY_CREDENTIALS_DROPPED',
        variable: 'GOPROXY',
        message: `The GOPROXY URL for ${outcome.machine} carries credentials, but a .netrc entry for ${outcome.machine} takes precedence in the go command, so the URL's were never sent; they were removed from the exported GOPROXY.`,
        fix: 'Remove the credentials from the GOPROXY URL.',
      }];
    case 'kept':
      if (outcome.reason === 'http') return []; // GOPROXY_CREDENTIALS_OVER_HTTP (lintProxy) reports it.
      return [{
        severity: outcome.reason === 'conflict' ? 'warning' : 'notice',
        code: 'GOPROXY_CREDENTIALS_KEPT',
        variable: 'GOPROXY',
        message:
          outcome.reason === 'conflict'
            ? `GOPROXY has entries for ${outcome.machine} with different credentials; .netrc holds one per host, so they stay in the URL (masked in this log, but visible to later steps).`
            : `The credentials in the GOPROXY URL for ${outcome.machine} lack a user name or a password, which a .netrc entry needs; they stay in the URL (masked in this log, but visible to later steps).`,
        fix: `Give the credentials with the netrc input (machine ${outcome.machine} login USER password SECRET) and remove them from GOPROXY.`,
      }];
  }
}

// ---------------------------------------------------------------------------------------------
// ls-remote checks

interface RepositoryCheck {
  url: string;
  exact: boolean;
  modules: CredentialOptions['required'];
}

export async function checkPrivateModules(options: CredentialOptions): Promise<Problem[]> {
  const secrets = credentialSecrets(options);
  registerSecrets(secrets);
  let hosts: string[] = [];
  try {
    hosts = parseGitTokenHosts(options.gitTokenHosts);
  } catch {
    // setUpCredentials already reported the input; check with the default hosts.
  }
  const token = options.gitToken.trim();
  const rules = token === '' ? [] : tokenPrefixes(options, hosts).selected.map((prefix) => insteadOfRule(prefix.prefix, token));
  const netrcEntries = await readNetrc(options.env, { platform: options.platform ?? process.platform, goVersion: options.goVersion });
  // The action's own git must not store the token in a keychain either, whatever a repository's
  // local config (read after the global one) adds: the resets go on the command line too.
  const configArgs = [...new Set(rules.map(helperResetScope))].flatMap((scope) => ['-c', `credential.${scope}.helper=`]);

  const byUrl = new Map<string, RepositoryCheck>();
  for (const module of options.required) {
    if (module.viaProxy) continue;
    const { url, exact } = repositoryUrl(module.path);
    const check = byUrl.get(url);
    if (check === undefined) byUrl.set(url, { url, exact, modules: [module] });
    else check.modules.push(module);
  }
  const checks = [...byUrl.values()].slice(0, MAX_REPOSITORY_CHECKS);
  const results: LsRemoteResult[] = new Array<LsRemoteResult>(checks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < checks.length) {
      const index = next++;
      results[index] = await lsRemote(checks[index]!.url, options.env, options.checkTimeoutMs, { configArgs, ...(options.platform === undefined ? {} : { platform: options.platform }) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, checks.length) }, worker));

  const problems: Problem[] = [];
  if (results.some((result) => result.kind === 'git-missing')) {
    const first = checks[0]!.modules[0]!;
    problems.push({
      severity: 'warning',
      code: 'GIT_NOT_INSTALLED',
      file: first.goModFile,
      line: first.line,
      message: `git is not on PATH, but ${first.path} matches GONOPROXY and is fetched directly, which needs git.`,
      fix: 'Install git on the runner, or fetch the private modules through a private proxy (set GONOPROXY=none and put the proxy in GOPROXY).',
    });
    return problems;
  }
  checks.forEach((check, index) => {
    const result = results[index]!;
    if (result.kind === 'ok') return;
    const host = check.url.slice('https://'.length).split('/')[0]!;
    const hostName = host.replace(/:\d+$/, '');
    const tokenCovers = rules.some((rule) => rule.insteadOf.some((prefix) => prefix.startsWith('https://') && `${check.url}/`.startsWith(prefix)));
    // git reads .netrc through curl, which matches the host name without the port.
    const netrcCovers = netrcEntries.some((entry) => entry.machine === hostName);
    problems.push(checkProblem(check, result, tokenCovers, netrcCovers, secrets, host, hostName));
  });
  return problems;
}

function checkProblem(check: RepositoryCheck, result: LsRemoteResult, tokenCovers: boolean, netrcCovers: boolean, secrets: readonly string[], host: string, hostName: string): Problem {
  const module = check.modules[0]!;
  const others = check.modules.length > 1 ? ` (and ${check.modules.length - 1} more module${check.modules.length > 2 ? 's' : ''} in that repository)` : '';
  const where = `git ls-remote ${check.url} (for ${module.path}${others}, which matches GONOPROXY and is fetched directly)`;
  const detail = result.detail === '' ? '' : `: ${scrub(result.detail, secrets)}`;
  const base = { file: module.goModFile, line: module.line };
  const guess = check.exact ? '' : ` This check assumed the repository is ${check.url}; if the host's ?go-get=1 page names another repository, check that one.`;
  switch (result.kind) {
    case 'auth':
      if (tokenCovers || netrcCovers) {
        return {
          ...base,
          severity: 'error',
          code: 'PRIVATE_REPO_AUTH_FAILED',
          variable: tokenCovers ? 'git-token' : 'netrc',
          message: `${where} was refused${detail}. The go command will fail to download it the same way.`,
          fix: `Give ${tokenCovers ? 'git-token' : 'the netrc entry'} a token with read access to ${check.url} (a workflow's GITHUB_TOKEN reaches only its own repository: use a fine-grained token or a GitHub App token with Contents: read).${guess}`,
        };
      }
      return {
        ...base,
        severity: 'warning',
        code: 'PRIVATE_REPO_NO_CREDENTIALS',
        variable: 'git-token',
        message: `${where} needs credentials and none are configured for it${detail}.`,
        fix: `Pass a token with read access as git-token (its hosts default to those of GOPRIVATE/GONOPROXY), or add a netrc line "machine ${hostName} login USER password TOKEN"${hostName === host ? '' : ` (git matches the host name without the port; add "machine ${host} ..." as well for the go command's own ?go-get=1 request)`}.${guess}`,
      };
    case 'not-found':
      return {
        ...base,
        severity: check.exact ? 'error' : 'warning',
        code: 'PRIVATE_REPO_NOT_FOUND',
        variable: 'git-token',
        message: `${where} answered "not found"${detail}.`,
        fix: `Check the module path in go.mod, and that the credentials can read the repository (GitHub answers "not found" to a token without access to a private repository).${guess}`,
      };
    case 'network':
      return {
        ...base,
        severity: 'warning',
        code: 'PRIVATE_REPO_UNREACHABLE',
        message: `${where} could not reach the host${detail}.`,
        fix: 'Check the host name and that the runner can reach it (network, HTTPS_PROXY, TLS trust through GIT_SSL_CAINFO or the system store).',
      };
    case 'timeout':
      return {
        ...base,
        severity: 'warning',
        code: 'PRIVATE_REPO_CHECK_TIMEOUT',
        message: `${where} did not finish${detail}.`,
        fix: 'Check that the host is reachable from the runner; the go command has no timeout of its own and would hang the same way.',
      };
    default:
      return {
        ...base,
        severity: 'warning',
        code: 'PRIVATE_REPO_CHECK_FAILED',
        message: `${where} failed${detail}.`,
        fix: 'Run the same git ls-remote in a step with GIT_TERMINAL_PROMPT=0 to see the full error.',
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Post

/** The post step's reading of main's state: only what it says was done is undone. */
function parseState(raw: string): CredentialState | null {
  try {
    const parsed = JSON.parse(raw) as { version?: number; git?: GitConfigState; netrc?: NetrcState | NetrcState[] };
    if (parsed === null || typeof parsed !== 'object') return null;
    const netrc = parsed.netrc === undefined ? [] : Array.isArray(parsed.netrc) ? parsed.netrc : [parsed.netrc];
    return { version: 2, ...(parsed.git === undefined ? {} : { git: parsed.git }), netrc };
  } catch {
    return null;
  }
}

export async function cleanUpCredentials(state: Record<string, string>, env: NodeJS.ProcessEnv): Promise<{ problems: Problem[]; message: string }> {
  const raw = state[CREDENTIALS_STATE_KEY] ?? '';
  if (raw === '') return { problems: [], message: 'No credentials to clean up.' };
  const parsed = parseState(raw);
  if (parsed === null) {
    return { problems: [{ severity: 'warning', code: 'CREDENTIALS_CLEANUP_FAILED', message: 'The saved credentials state is unreadable; nothing was removed.', fix: 'Remove the url.insteadOf rules from the global git config and the setup-goproxy block from .netrc by hand if the runner is reused.' }], message: 'Credentials state unreadable.' };
  }
  const problems: Problem[] = [];
  const messages: string[] = [];
  if (parsed.git !== undefined) {
    const git = parsed.git;
    const failed = (detail: string): Problem => ({ severity: 'warning', code: 'CREDENTIALS_CLEANUP_FAILED', variable: 'git-token', message: `The git-token rules could not be removed from ${git.file}: ${redactForDisplay(detail)}.`, fix: 'On a reused (self-hosted) runner, remove the url.*.insteadOf entries with the token (and the credential.https://x-access-token@….helper entries) from that file.' });
    try {
      const outcome = await restoreGitConfig(git, env);
      messages.push(redactForDisplay(outcome.detail));
      if (outcome.kind === 'failed') problems.push(failed(outcome.detail));
      // Only a file that changed after main is news; a plan saved before writing is removed with git as a matter of course.
      else if (outcome.kind === 'removed-with-git' && git.appendedLength >= 0) {
        problems.push({ severity: 'notice', code: 'CREDENTIALS_CLEANUP_PARTIAL', variable: 'git-token', message: `${redactForDisplay(outcome.detail)}; the rest of the file keeps the later changes.` });
      }
    } catch (error) {
      problems.push(failed(error instanceof Error ? error.message : String(error)));
    }
  }
  for (const netrc of parsed.netrc ?? []) {
    try {
      messages.push(await restoreNetrc(netrc, problems));
    } catch (error) {
      problems.push({ severity: 'warning', code: 'CREDENTIALS_CLEANUP_FAILED', variable: 'netrc', message: `The .netrc entries could not be removed from ${netrc.file}: ${redactForDisplay(error instanceof Error ? error.message : String(error))}.`, fix: 'On a reused (self-hosted) runner, delete the setup-goproxy block from that file.' });
    }
  }
  return { problems, message: messages.join('; ') || 'Nothing to clean up.' };
}

async function restoreNetrc(state: NetrcState, problems: Problem[]): Promise<string> {
  const read = await readNetrcFile(state.file);
  if (read.kind === 'missing') return `${state.file} no longer exists`;
  if (read.kind === 'unusable') throw new Error(read.reason);
  // latin1: one char per byte, so everything outside the block is written back byte for byte.
  const text = read.bytes.toString('latin1');
  const block = netrcBlockState(text, state.id);
  // Never written (main stopped first) or already removed (a second post run): nothing to do.
  if (block === 'absent') return `${state.file} holds no entries of this run`;
  const removed = removeNetrcBlock(text, state.id);
  if (block === 'damaged' || !removed.found) {
    problems.push({ severity: 'warning', code: 'CREDENTIALS_CLEANUP_FAILED', variable: 'netrc', message: `The setup-goproxy block is no longer intact in ${state.file} (edited by a later step?); it was left as it is.`, fix: 'On a reused (self-hosted) runner, delete the entries between the "# setup-goproxy-begin" and "# setup-goproxy-end" lines.' });
    return `${state.file} left unchanged`;
  }
  if (!state.existed && removed.text === '') {
    await unlink(state.file);
    return `removed ${state.file}, which did not exist before`;
  }
  await writeFile(state.file, Buffer.from(removed.text, 'latin1'));
  return `removed the added entries from ${state.file}`;
}
