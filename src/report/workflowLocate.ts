// Finds the workflow line that sets an action input (`with:`) or an environment variable (`env:`)
// so that a problem with that value is annotated where the user typed it. Pure functions over the
// YAML text, plus one small reader for the workflow file of the current run. Everything answers
// null when unsure: a missing annotation location is better than a wrong one.

import { readRepoFile } from '../workspace/repoFile.js';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/**
 * GITHUB_WORKFLOW_REF ("owner/repo/.github/workflows/ci.yml@refs/heads/main") → the workflow's
 * path in the repository. Only when the ref's repository is GITHUB_REPOSITORY: the file is read
 * from the checkout in GITHUB_WORKSPACE and annotation paths are relative to the run's repository,
 * so a workflow file of any other repository can neither be read there nor be annotated.
 */
export function workflowPathFromRef(workflowRef: string | undefined, repository: string | undefined): string | null {
  if (!workflowRef || !repository) return null;
  const match = /^([^/]+\/[^/]+)\/(\.github\/workflows\/.+?\.ya?ml)@/.exec(workflowRef);
  if (!match) return null;
  const [, refRepository = '', file = ''] = match;
  // Owner and repository names are case-insensitive on GitHub.
  if (refRepository.toLowerCase() !== repository.toLowerCase()) return null;
  if (file.split('/').some((part) => part === '..' || part === '')) return null;
  return file;
}

export interface StepHint {
  /** GITHUB_JOB: the job's key under `jobs:`. */
  job?: string;
  /** GITHUB_ACTION when it is the step's user-given `id` (not `__owner_repo`, `__run_2`, `__self`). */
  stepId?: string;
  /**
   * Recognises `uses:` of this action, e.g. ['setup-goproxy', './']. A value starting with `./`
   * names a local action directory and must equal the `uses:` path (so that './' does not match
   * `./.github/actions/other`); any other value matches as a substring.
   */
  actionRefSubstrings: string[];
}

/** GITHUB_ACTION → StepHint.stepId: the runner's generated names start with `__`. */
export function stepIdFromGithubAction(action: string | undefined): string | undefined {
  return action && !action.startsWith('__') ? action : undefined;
}

export function findInputLine(yamlText: string, inputName: string, hint: StepHint): number | null {
  const wf = loadWorkflow(yamlText);
  if (wf === null) return null;
  const jobs = candidateJobs(wf, hint);
  const byId = stepById(wf, jobs, hint);
  // The identified step decides alone: an input it does not set comes from the action's default.
  if (byId !== null) return inputLine(wf, byId.step, inputName);
  const hits = jobs.flatMap((job) => job.steps.filter((step) => usesThisAction(wf, step, hint)))
    .map((step) => inputLine(wf, step, inputName))
    .filter((line): line is number => line !== null);
  return hits.length === 1 ? (hits[0] as number) : null;
}

/**
 * The runner merges workflow `env`, then job `env`, then step `env`, later ones winning; so the
 * step's own env is checked first, then its job's, then the workflow's.
 */
export function findEnvLine(yamlText: string, varName: string, hint: StepHint): number | null {
  const wf = loadWorkflow(yamlText);
  if (wf === null) return null;
  const jobs = candidateJobs(wf, hint);
  const byId = stepById(wf, jobs, hint);

  let scopeJobs: WorkflowJob[];
  if (byId !== null) {
    const line = envLine(wf, byId.step, varName);
    if (line !== null) return line;
    scopeJobs = [byId.job];
  } else {
    const matching = jobs.flatMap((job) => job.steps.filter((step) => usesThisAction(wf, step, hint)).map((step) => ({ job, step })));
    const setters = matching.map(({ step }) => envLine(wf, step, varName)).filter((line): line is number => line !== null);
    if (setters.length > 0) {
      // With several candidate steps, the running one may or may not be the one setting it.
      return matching.length === 1 ? (setters[0] as number) : null;
    }
    const jobsWithStep = [...new Set(matching.map(({ job }) => job))];
    scopeJobs = jobs.length === 1 || jobsWithStep.length === 0 ? jobs : jobsWithStep;
  }

  const jobSetters = scopeJobs.map((job) => entryLine(wf, job.node, varName, 'env')).filter((line): line is number => line !== null);
  if (jobSetters.length > 0) return scopeJobs.length === 1 ? (jobSetters[0] as number) : null;
  return entryLine(wf, wf.doc.contents, varName, 'env');
}

/**
 * Workflow files are a few kB; a larger one is not read (the YAML parser needs seconds per MB),
 * and problems are then annotated without a workflow line.
 */
export const WORKFLOW_FILE_MAX_BYTES = 256 * 1024;

/**
 * Reads the workflow file of the current run from the checkout (inside the workspace, a regular
 * file, bounded); null when that is not possible.
 */
export async function locateWorkflowFile(env: NodeJS.ProcessEnv): Promise<{ file: string; text: string } | null> {
  const workspace = env['GITHUB_WORKSPACE'];
  const file = workflowPathFromRef(env['GITHUB_WORKFLOW_REF'], env['GITHUB_REPOSITORY']);
  if (!workspace || file === null) return null;
  const read = await readRepoFile(workspace, file, { maxBytes: WORKFLOW_FILE_MAX_BYTES });
  return read.ok ? { file, text: read.text } : null;
}

// ---------------------------------------------------------------------------------------------
// YAML access with positions. Aliases are resolved to their anchor (so the line reported is the
// anchored definition, which is where the value is written) and `<<` merge keys are followed
// with lower precedence than the map's own keys.

interface LoadedWorkflow {
  doc: Document.Parsed;
  lines: LineCounter;
}

interface WorkflowJob {
  id: string;
  node: Node;
  steps: Node[];
}

interface Entry {
  keyNode: Node | null;
  value: unknown;
}

// Callers locate many problems in the same workflow text; parsing it once is enough.
let lastLoaded: { text: string; workflow: LoadedWorkflow | null } | null = null;

function loadWorkflow(text: string): LoadedWorkflow | null {
  if (lastLoaded?.text === text) return lastLoaded.workflow;
  let workflow: LoadedWorkflow | null = null;
  try {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    // With parse errors the positions (and the runner's reading of the file) are unreliable.
    if (doc.errors.length === 0 && isMap(doc.contents)) workflow = { doc, lines };
  } catch {
    workflow = null;
  }
  lastLoaded = { text, workflow };
  return workflow;
}

function deref(wf: LoadedWorkflow, node: unknown): unknown {
  // A chain of aliases is impossible in YAML, but an unresolvable one must not loop or throw.
  if (isAlias(node)) return node.resolve(wf.doc);
  return node;
}

function keyText(node: unknown): string | null {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean')) {
    return String(node.value);
  }
  return null;
}

/** Entries of a mapping (own keys first, then merged ones), or [] for anything else. */
function entries(wf: LoadedWorkflow, node: unknown, depth = 0): Array<{ key: string } & Entry> {
  const map = deref(wf, node);
  if (!isMap(map) || depth > 10) return [];
  const own: Array<{ key: string } & Entry> = [];
  const merged: Array<{ key: string } & Entry> = [];
  for (const pair of map.items) {
    const key = keyText(pair.key);
    if (key === null) continue;
    if (key === '<<' && !(isScalar(pair.key) && pair.key.type !== 'PLAIN')) {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) merged.push(...entries(wf, source, depth + 1));
      continue;
    }
    own.push({ key, keyNode: isScalar(pair.key) ? pair.key : null, value: pair.value });
  }
  return [...own, ...merged];
}

function entry(wf: LoadedWorkflow, node: unknown, key: string, caseInsensitive = false): Entry | null {
  const all = entries(wf, node);
  const exact = all.find((e) => e.key === key);
  if (exact) return exact;
  if (!caseInsensitive) return null;
  const lower = key.toLowerCase();
  return all.find((e) => e.key.toLowerCase() === lower) ?? null;
}

function lineOf(wf: LoadedWorkflow, node: Node | null): number | null {
  const start = node?.range?.[0];
  return start === undefined ? null : wf.lines.linePos(start).line;
}

function scalarString(wf: LoadedWorkflow, node: unknown): string | null {
  const value = deref(wf, node);
  return isScalar(value) && typeof value.value === 'string' ? value.value : null;
}

/** Line of `key:` inside the mapping `section` (e.g. env) of `node`. */
function entryLine(wf: LoadedWorkflow, node: unknown, key: string, section: string, caseInsensitive = false): number | null {
  const container = entry(wf, node, section);
  if (container === null) return null;
  const found = entry(wf, container.value, key, caseInsensitive);
  return found === null ? null : lineOf(wf, found.keyNode);
}

function candidateJobs(wf: LoadedWorkflow, hint: StepHint): WorkflowJob[] {
  const jobsEntry = entry(wf, wf.doc.contents, 'jobs');
  if (jobsEntry === null) return [];
  const all = entries(wf, jobsEntry.value).map(({ key, value }): WorkflowJob => {
    const node = deref(wf, value);
    const stepsEntry = entry(wf, node, 'steps');
    const stepsNode = stepsEntry === null ? null : deref(wf, stepsEntry.value);
    const steps = isSeq(stepsNode) ? stepsNode.items.map((item) => deref(wf, item)).filter((item): item is Node => isMap(item)) : [];
    return { id: key, node: node as Node, steps };
  });
  // GITHUB_JOB names the job; if it is not in this file (a stale or different workflow) fall back
  // to all jobs, where the uniqueness rules keep the answer safe.
  const named = hint.job === undefined ? [] : all.filter((job) => job.id === hint.job);
  return named.length > 0 ? named : all;
}

function stepById(wf: LoadedWorkflow, jobs: WorkflowJob[], hint: StepHint): { job: WorkflowJob; step: Node } | null {
  const id = stepIdFromGithubAction(hint.stepId);
  if (id === undefined) return null;
  const found = jobs.flatMap((job) => job.steps.filter((step) => scalarString(wf, entry(wf, step, 'id')?.value) === id).map((step) => ({ job, step })));
  // Step ids are unique within a job; the same id in two jobs is ambiguous without GITHUB_JOB.
  return found.length === 1 ? (found[0] as { job: WorkflowJob; step: Node }) : null;
}

function usesThisAction(wf: LoadedWorkflow, step: Node, hint: StepHint): boolean {
  const uses = scalarString(wf, entry(wf, step, 'uses')?.value)?.trim();
  if (!uses) return false;
  return hint.actionRefSubstrings.some((ref) => {
    if (ref === '') return false;
    if (ref.startsWith('./')) return stripSlashes(uses) === stripSlashes(ref);
    return uses.includes(ref);
  });
}

function stripSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 0x2f) end--;
  const trimmed = p.slice(0, end);
  return trimmed === '' || trimmed === '.' ? '.' : trimmed;
}

function inputLine(wf: LoadedWorkflow, step: Node, inputName: string): number | null {
  // The runner upper-cases input names into INPUT_<NAME>, so `with:` keys match case-insensitively.
  return entryLine(wf, step, inputName, 'with', true);
}

function envLine(wf: LoadedWorkflow, step: Node, varName: string): number | null {
  return entryLine(wf, step, varName, 'env');
}
