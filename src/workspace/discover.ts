// Finds the Go modules a job works with: the go.work in effect (and its `use` directories) plus
// every other go.mod below the working directory, parsed with line numbers so that problems can be
// annotated on the `require` line. Never throws for unreadable or malformed files: they become
// issues, because a broken go.mod must not stop the action from checking everything else.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { walkTree } from './walk.js';
import { isDirectoryPath, parseGoMod, parseGoWork, type GoModFile, type GoWorkFile, type ModuleVersion, type ReplaceLine, type RequireLine } from '../go/modfile.js';

export interface WorkspaceModule {
  /** Absolute directory holding the go.mod. */
  dir: string;
  /** go.mod path relative to repoRoot, posix separators (the annotation `file`). */
  goModFile: string;
  file: GoModFile;
  /** True when the module is a `use` directory of the go.work in effect. */
  inWorkFile: boolean;
}

export interface WorkspaceIssue {
  /** Repo-relative file the issue is about; '' when it concerns no file (a directory, GOWORK). */
  file: string;
  line?: number;
  message: string;
}

export interface Workspace {
  /** Absolute working directory. */
  root: string;
  goWork: { file: string; parsed: GoWorkFile } | null;
  /** Sorted by goModFile. */
  modules: WorkspaceModule[];
  issues: WorkspaceIssue[];
}

export interface DiscoverOptions {
  /** Upper bound on directory entries examined by the walk (default 20000). */
  maxFiles?: number;
  /** The job's GOWORK: '' or 'auto' = search, 'off' = ignore go.work, else an absolute file path. */
  goworkEnv?: string;
}

const DEFAULT_MAX_FILES = 20000;

// Directories the go command never treats as holding packages of the module (`vendor`, `testdata`,
// names starting with `.` or `_`), plus node_modules, which is large and never Go source.
function isSkippedDir(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_');
}

export async function discoverWorkspace(workingDirectory: string, repoRoot: string, options: DiscoverOptions = {}): Promise<Workspace> {
  const root = path.resolve(workingDirectory);
  const repo = path.resolve(repoRoot);
  const issues: WorkspaceIssue[] = [];
  const rel = (abs: string): string => toRepoRelative(repo, abs);
  const modulesByDir = new Map<string, WorkspaceModule>();

  const goWorkPath = await findGoWork(root, repo, options.goworkEnv ?? '', issues);
  let goWork: Workspace['goWork'] = null;
  if (goWorkPath !== null) {
    const text = await readText(goWorkPath, issues, rel);
    if (text !== null) {
      const { file: parsed, issues: parseIssues } = parseGoWork(text);
      const file = rel(goWorkPath);
      goWork = { file, parsed };
      for (const issue of parseIssues) issues.push({ file, line: issue.line, message: `${file}:${issue.line}: ${issue.message}` });
      await addUseDirectories(goWorkPath, parsed, modulesByDir, issues, rel);
    }
  }

  // Without a go.work and without a go.mod in the working directory, the go command uses the
  // nearest go.mod above it (still inside the repository), so that module is part of the job too.
  if (goWork === null && !(await isFile(path.join(root, 'go.mod')))) {
    const enclosing = await findUpwards(root, repo, 'go.mod');
    if (enclosing !== null) await addModule(path.dirname(enclosing), false, modulesByDir, issues, rel);
  }

  const found = await walkForGoMods(root, options.maxFiles ?? DEFAULT_MAX_FILES, issues, rel);
  for (const dir of found) {
    if (!modulesByDir.has(dir)) await addModule(dir, false, modulesByDir, issues, rel);
  }

  const modules = [...modulesByDir.values()].sort((a, b) => compareStrings(a.goModFile, b.goModFile));
  return { root, goWork, modules, issues };
}

/** The go command's FindGoWork: GOWORK=off disables, an absolute path selects, else search up. */
async function findGoWork(root: string, repo: string, gowork: string, issues: WorkspaceIssue[]): Promise<string | null> {
  if (gowork === 'off') return null;
  if (gowork !== '' && gowork !== 'auto') {
    if (!path.isAbsolute(gowork)) {
      issues.push({ file: '', message: `GOWORK=${gowork} is not an absolute path; the go command stops with "go: invalid GOWORK: not an absolute path".` });
      return null;
    }
    if (!(await isFile(gowork))) {
      issues.push({ file: '', message: `GOWORK names ${gowork}, which does not exist or is not a file.` });
      return null;
    }
    return gowork;
  }
  // The go command searches every parent directory; the search stops at the repository root here
  // because a go.work outside the checkout is neither annotatable nor part of the repository.
  return findUpwards(root, repo, 'go.work');
}

async function addUseDirectories(goWorkPath: string, parsed: GoWorkFile, modulesByDir: Map<string, WorkspaceModule>, issues: WorkspaceIssue[], rel: (abs: string) => string): Promise<void> {
  const workDir = path.dirname(goWorkPath);
  const file = rel(goWorkPath);
  for (const use of parsed.uses) {
    const dir = path.resolve(workDir, use.dir);
    if (modulesByDir.get(dir)?.inWorkFile) {
      issues.push({ file, line: use.line, message: `${file}:${use.line}: path ${use.dir} appears multiple times in workspace` });
      continue;
    }
    if (!(await isFile(path.join(dir, 'go.mod')))) {
      issues.push({ file, line: use.line, message: `${file}:${use.line}: use ${use.dir}: directory has no go.mod (the go command fails with "cannot load module ${use.dir} listed in go.work file").` });
      continue;
    }
    await addModule(dir, true, modulesByDir, issues, rel);
  }
}

async function addModule(dir: string, inWorkFile: boolean, modulesByDir: Map<string, WorkspaceModule>, issues: WorkspaceIssue[], rel: (abs: string) => string): Promise<void> {
  const goModPath = path.join(dir, 'go.mod');
  const goModFile = rel(goModPath);
  const text = await readText(goModPath, issues, rel);
  if (text === null) return;
  const { file, issues: parseIssues } = parseGoMod(text);
  for (const issue of parseIssues) issues.push({ file: goModFile, line: issue.line, message: `${goModFile}:${issue.line}: ${issue.message}` });
  // A file with parse issues has already been reported; only a clean file missing `module` is.
  if (file.module === null && parseIssues.length === 0) {
    issues.push({ file: goModFile, message: `${goModFile}: no module directive; the go command cannot use this go.mod as a main module.` });
  }
  modulesByDir.set(dir, { dir, goModFile, file, inWorkFile });
}

/**
 * Breadth-first walk below root for go.mod files. Symbolic links are never followed (the go
 * command ignores symlinked directories when matching packages too), which also rules out loops.
 * Counts every directory entry against maxFiles so a huge checkout cannot stall the step.
 */
async function walkForGoMods(root: string, maxFiles: number, issues: WorkspaceIssue[], rel: (abs: string) => string): Promise<string[]> {
  const found: string[] = [];
  const walk = await walkTree(
    root,
    {
      maxEntries: maxFiles,
      descend: (name) => !isSkippedDir(name),
      // Directories cannot carry an annotation, hence file ''.
      onUnreadable: (dir, error) => issues.push({ file: '', message: `cannot list ${rel(dir) || '.'}: ${errorText(error)}` }),
    },
    async ({ dir, abs, dirent }) => {
      // A go.mod that is a symlink to a file still counts (stat follows it).
      if (dirent.name === 'go.mod' && (dirent.isFile() || (dirent.isSymbolicLink() && (await isFile(abs))))) found.push(dir);
    },
  );
  if (walk.truncated) issues.push({ file: '', message: `Stopped looking for go.mod files after ${maxFiles} directory entries; modules deeper in the tree were not checked.` });
  return found;
}

async function findUpwards(start: string, stopAt: string, name: string): Promise<string | null> {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, name);
    if (await isFile(candidate)) return candidate;
    if (dir === stopAt || !isInside(stopAt, dir)) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function readText(file: string, issues: WorkspaceIssue[], rel: (abs: string) => string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    issues.push({ file: rel(file), message: `cannot read ${rel(file)}: ${errorText(error)}` });
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function isInside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

function toRepoRelative(repo: string, abs: string): string {
  return path.relative(repo, abs).split(path.sep).join('/');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------

export interface RequiredModule extends RequireLine {
  goModFile: string;
  /**
   * Set when a `replace` swaps the requirement for another module: the go command then downloads
   * this module (through GOPROXY) instead of `path`.
   */
  replacement?: ModuleVersion & { file: string; line: number };
}

/**
 * Every require line of every module, minus those the go command never downloads: modules of the
 * go.work (only for requirers in that go.work: a module built on its own fetches its siblings like
 * any other dependency) and requirements replaced by a local directory (`=> ./x`). In workspace
 * mode go.work replaces take precedence over go.mod replaces, as in the go command.
 */
export function requiredModules(ws: Workspace): RequiredModule[] {
  const workModulePaths = new Set(
    ws.modules.flatMap((m) => (m.inWorkFile && m.file.module !== null ? [m.file.module.path] : [])),
  );
  const workReplaces = ws.goWork?.parsed.replaces ?? [];
  const out: RequiredModule[] = [];
  for (const module of ws.modules) {
    for (const req of module.file.requires) {
      if (module.file.module !== null && req.path === module.file.module.path) continue;
      if (module.inWorkFile && workModulePaths.has(req.path)) continue;
      const fromWork = module.inWorkFile && ws.goWork !== null ? findReplace(workReplaces, req) : null;
      const replace = fromWork ?? findReplace(module.file.replaces, req);
      if (replace !== null && replace.to.version === null && isDirectoryPath(replace.to.path)) continue;
      const entry: RequiredModule = { ...req, goModFile: module.goModFile };
      if (replace !== null && replace.to.version !== null) {
        const file = fromWork !== null && ws.goWork !== null ? ws.goWork.file : module.goModFile;
        entry.replacement = { path: replace.to.path, version: replace.to.version, file, line: replace.line };
      }
      out.push(entry);
    }
  }
  return out;
}

/** A version-specific replace wins over a wildcard one, as in modload's replacement lookup. */
function findReplace(replaces: readonly ReplaceLine[], req: RequireLine): ReplaceLine | null {
  let wildcard: ReplaceLine | null = null;
  let exact: ReplaceLine | null = null;
  for (const r of replaces) {
    if (r.from.path !== req.path) continue;
    if (r.from.version === null) wildcard = r;
    else if (r.from.version === req.version) exact = r;
  }
  return exact ?? wildcard;
}
