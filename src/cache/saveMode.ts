// When the post step saves a cache (pure, but for reading the event payload).

import { readFile } from 'node:fs/promises';

export type SaveMode = 'auto' | 'always' | 'never' | 'default-branch';

export interface SaveDecisionInput {
  mode: SaveMode;
  hit: 'true' | 'partial' | 'false';
  /** 'ok': the download succeeded (or was not asked for); 'failed': it did not. */
  download: 'ok' | 'failed' | 'skipped';
  /** GITHUB_REF, e.g. refs/heads/main. */
  ref: string;
  /** repository.default_branch from the event payload; null when unknown. */
  defaultBranch: string | null;
}

export type SaveDecision = { save: true } | { save: false; reason: string };

/**
 * `always` differs from `auto` only in running after a failed job (the post-if gate); neither
 * ever saves over an exact hit (entries are immutable) or after a failed download (the archive
 * would be partial).
 */
export function decideSave(input: SaveDecisionInput): SaveDecision {
  if (input.mode === 'never') return { save: false, reason: "save is 'never'" };
  if (input.hit === 'true') return { save: false, reason: 'the key was an exact hit; cache entries are immutable' };
  if (input.download === 'failed') return { save: false, reason: 'go mod download failed, so the module cache is incomplete' };
  return branchRule(input.mode, input.ref, input.defaultBranch, 'save');
}

/** The part every cache shares: `default-branch` saves only on refs/heads/<default branch>. */
export function branchRule(mode: SaveMode, ref: string, defaultBranch: string | null, input: string): SaveDecision {
  if (mode === 'default-branch') {
    if (defaultBranch === null) return { save: false, reason: `${input} is 'default-branch' but the event payload names no default branch` };
    if (ref !== `refs/heads/${defaultBranch}`) {
      return { save: false, reason: `${input} is 'default-branch' and ${ref || 'this ref'} is not refs/heads/${defaultBranch}` };
    }
  }
  return { save: true };
}

/** repository.default_branch from the GITHUB_EVENT_PATH payload (null when absent or unreadable). */
export function defaultBranchFromEvent(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  const repository = (payload as Record<string, unknown>)['repository'];
  if (repository === null || typeof repository !== 'object') return null;
  const branch = (repository as Record<string, unknown>)['default_branch'];
  return typeof branch === 'string' && branch !== '' ? branch : null;
}

/** repository.default_branch of the job's event (GITHUB_EVENT_PATH); null when unknown. */
export async function readEventDefaultBranch(env: NodeJS.ProcessEnv): Promise<string | null> {
  const file = env['GITHUB_EVENT_PATH'];
  if (file === undefined || file === '') return null;
  try {
    // The runner writes this file; a bound keeps a strange one from costing anything.
    const text = await readFile(file, 'utf8');
    return text.length > 16 * 1024 * 1024 ? null : defaultBranchFromEvent(JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}
