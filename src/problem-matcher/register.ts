// Registers the Go problem matchers for the job's later steps (`::add-matcher::`, read by the
// runner at once) and removes them again (`::remove-matcher owner=...::`). Main registers them
// last, so its own log is never matched; the post step removes exactly the owners main's state
// names.

import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GO_PROBLEM_MATCHERS, problemMatcherFile } from './goMatchers.js';

/** State key: the JSON list of matcher owners main registered ('' when none). */
export const PROBLEM_MATCHER_STATE_KEY = 'problem-matchers';

/** Workflow-command escaping (actions/toolkit command.ts escapeData / escapeProperty). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Registration {
  file: string;
  owners: string[];
  /** The state value for PROBLEM_MATCHER_STATE_KEY. */
  state: string;
}

/** Writes the matcher file under `dir` (RUNNER_TEMP) and tells the runner to load it. */
export async function registerGoProblemMatchers(dir: string = process.env['RUNNER_TEMP'] || tmpdir(), write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<Registration> {
  const file = path.join(dir, 'setup-goproxy-go-matchers.json');
  await writeFile(file, problemMatcherFile());
  write(`::add-matcher::${escapeData(file)}`);
  const owners = GO_PROBLEM_MATCHERS.map((matcher) => matcher.owner);
  return { file, owners, state: JSON.stringify(owners) };
}

/** Removes the matchers a saved state names; returns the owners removed. Tolerates any state text. */
export function removeGoProblemMatchers(state: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): string[] {
  if (state.trim() === '') return [];
  let owners: unknown;
  try {
    owners = JSON.parse(state);
  } catch {
    return [];
  }
  if (!Array.isArray(owners)) return [];
  const known = new Set(GO_PROBLEM_MATCHERS.map((matcher) => matcher.owner));
  const removed = owners.filter((owner): owner is string => typeof owner === 'string' && known.has(owner));
  for (const owner of removed) write(`::remove-matcher owner=${escapeProperty(owner)}::`);
  return removed;
}
