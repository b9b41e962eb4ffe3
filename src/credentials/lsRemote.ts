// The bounded `git ls-remote` check of a directly fetched (GONOPROXY) module's repository, run
// the way the go command runs git (no prompts, the job's global git config and .netrc), so an
// auth failure shows up here rather than twenty minutes into the build.

import { redactForDisplay } from '../go/redact.js';
import { runGit, type RunGitOptions } from './git.js';

export type LsRemoteKind = 'ok' | 'auth' | 'not-found' | 'network' | 'timeout' | 'git-missing' | 'other';

export interface LsRemoteResult {
  kind: LsRemoteKind;
  /** git's most telling stderr line, with URL userinfo removed. */
  detail: string;
}

const AUTH = [
  /could not read (?:Username|Password)/i,
  /terminal prompts disabled/i,
  /Authentication failed/i,
  /returned error: 40[13]\b/i,
  /Invalid username or (?:password|token)/i,
  /HTTP Basic: Access denied/i,
  /Permission denied \((?:publickey|password)/i,
];

const NOT_FOUND = [/Repository not found/i, /repository '[^']*' not found/i, /returned error: 404\b/i, /does not appear to be a git repository/i, /\bnot found\b/i];

const NETWORK = [
  /Could not resolve host/i,
  /Failed to connect/i,
  /Couldn't connect to server/i,
  /Connection refused/i,
  /Connection timed out/i,
  /Connection reset/i,
  /Operation timed out/i,
  /SSL certificate problem/i,
  /server certificate verification failed/i,
  /SSL_ERROR|TLS|gnutls/i,
  /Network is unreachable/i,
  /No route to host/i,
  /unable to access/i,
  /returned error: 5\d\d\b/i,
];

/** Classify a failed ls-remote by git's stderr (LANG=C). Auth beats not-found beats network. */
export function classifyLsRemote(stderr: string): Exclude<LsRemoteKind, 'ok' | 'timeout' | 'git-missing'> {
  if (AUTH.some((re) => re.test(stderr))) return 'auth';
  if (NOT_FOUND.some((re) => re.test(stderr))) return 'not-found';
  if (NETWORK.some((re) => re.test(stderr))) return 'network';
  return 'other';
}

/** The first "fatal:" line, else the last non-empty one; userinfo redacted. */
export function lsRemoteDetail(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const line = lines.find((l) => l.startsWith('fatal:')) ?? lines[lines.length - 1] ?? '';
  return redactForDisplay(line);
}

export interface LsRemoteOptions extends RunGitOptions {
  /** `-c key=value` pairs put before the command (the credential-helper resets). */
  configArgs?: readonly string[];
}

export async function lsRemote(url: string, env: NodeJS.ProcessEnv, timeoutMs: number, options: LsRemoteOptions = {}): Promise<LsRemoteResult> {
  // HEAD only: enough to prove read access; nothing but one ref line is transferred.
  const { configArgs = [], ...runOptions } = options;
  const run = await runGit([...configArgs, 'ls-remote', '--quiet', url, 'HEAD'], env, timeoutMs, runOptions);
  if (run.missing) return { kind: 'git-missing', detail: 'git is not installed' };
  if (run.timedOut) return { kind: 'timeout', detail: `no answer within ${Math.round(timeoutMs / 100) / 10} s` };
  if (run.code === 0) return { kind: 'ok', detail: '' };
  return { kind: classifyLsRemote(run.stderr), detail: lsRemoteDetail(run.stderr) };
}
