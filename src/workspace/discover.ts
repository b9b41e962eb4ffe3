// Finds the Go modules a job works with: the go.work in effect (and its `use` directories) plus
// every other go.mod below the working directory, parsed with line numbers so that problems can be
// annotated on the `require` line. Never throws for unreadable or malformed files: they become
// issues, because a broken go.mod must not stop the action from checking everything else.
//
// Every file is read through readRepoFile: inside the workspace after symbolic links are
// resolved, regular files only, bounded. A go.mod linked to ~/.ssh/id_ed25519, a FIFO or a
// device is refused before a byte is read, and what an issue quotes of a file is a short,
// redacted excerpt. The work is linear in the number of files and modules.

import type { Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { walkTree } from './walk.js';
import { isWithin, readRepoFile, resolveInWorkspace, REPO_TEXT_FILE_MAX_BYTES } from './repoFile.js';
import { excerpt } from '../report/bounds.js';
import { redactForDisplay } from '../go/redact.js';
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
  /** For tests of other platforms' rules (path syntax, case-insensitive file systems); default process.platform. */
  platform?: NodeJS.Platform;
}

const DEFAULT_MAX_FILES = 20000;
/** Parse issues kept per file, and issues in all: the rest are counted in one closing issue. */
export const MAX_ISSUES_PER_FILE = 10;
export const MAX_ISSUES = 100;
/** Characters of an issue message; messages quote file content (a directive, a version). */
const ISSUE_MESSAGE_CHARS = 300;

// Directories the go command never treats as holding packages of the module (`vendor`, `testdata`,
// names starting with `.` or `_`), plus node_modules, which is large and never Go source.
function isSkippedDir(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_');
}

/** Windows and macOS file systems ignore case by default: one directory, whatever the spelling. */
function dirKey(dir: string, platform: NodeJS.Platform): string {
  return platform === 'win32' || platform === 'darwin' ? dir.toLowerCase() : dir;
}

/** Collects issues under the bounds above; messages are redacted and shortened once, here. */
class IssueList {
  readonly items: WorkspaceIssue[] = [];
  private omitted = 0;
  add(issue: WorkspaceIssue): void {
    if (this.items.length >= MAX_ISSUES) {
      this.omitted++;
      return;
    }
    this.items.push({ ...issue, message: excerpt(redactForDisplay(issue.message), ISSUE_MESSAGE_CHARS) });
  }
  /** A file's parse issues: the first few, then one line saying how many more there are. */
  addParseIssues(file: string, parsed: ReadonlyArray<{ line: number; message: string }>): void {
    for (const issue of parsed.slice(0, MAX_ISSUES_PER_FILE)) this.add({ file, line: issue.line, message: `${file}:${issue.line}: ${issue.message}` });
    const more = parsed.length - MAX_ISSUES_PER_FILE;
    if (more > 0) this.add({ file, message: `${file}: ${more} more problem${more === 1 ? '' : 's'} in this file (only the first ${MAX_ISSUES_PER_FILE} are listed).` });
  }
  finish(): WorkspaceIssue[] {
    if (this.omitted > 0) this.items.push({ file: '', message: `${this.omitted} more workspace problem${this.omitted === 1 ? '' : 's'} (only the first ${MAX_ISSUES} are listed).` });
    return this.items;
  }
}

interface Context {
  repo: string;
  /** realpath(repo), once; undefined when it cannot be resolved (every read then says so). */
  realRepo: string | undefined;
  platform: NodeJS.Platform;
  issues: IssueList;
  /** By dirKey of the module directory's real path. */
  modules: Map<string, WorkspaceModule>;
  rel: (abs: string) => string;
}

export async function discoverWorkspace(workingDirectory: string, repoRoot: string, options: DiscoverOptions = {}): Promise<Workspace> {
  const platform = options.platform ?? process.platform;
  const root = path.resolve(workingDirectory);
  const repo = path.resolve(repoRoot);
  const realRepo = await realpath(repo).catch(() => undefined);
  const context: Context = { repo, realRepo, platform, issues: new IssueList(), modules: new Map(), rel: (abs) => toRepoRelative(repo, abs) };
  const { issues, rel } = context;

  const goWorkPath = await findGoWork(root, context, options.goworkEnv ?? '');
  let goWork: Workspace['goWork'] = null;
  if (goWorkPath !== null) {
    const text = await readText(goWorkPath, context);
    if (text !== null) {
      const { file: parsed, issues: parseIssues } = parseGoWork(text);
      const file = rel(goWorkPath);
      goWork = { file, parsed };
      issues.addParseIssues(file, parseIssues);
      await addUseDirectories(goWorkPath, parsed, context);
    }
  }

  // Without a go.work and without a go.mod in the working directory, the go command uses the
  // nearest go.mod above it (still inside the repository), so that module is part of the job too.
  if (goWork === null && (await probeFile(path.join(root, 'go.mod'), context)).kind === 'missing') {
    const enclosing = await findUpwards(root, 'go.mod', context);
    if (enclosing !== null) await addModule(path.dirname(enclosing), false, context);
  }

  const found = await walkForGoMods(root, options.maxFiles ?? DEFAULT_MAX_FILES, context);
  for (const dir of found) await addModule(dir, false, context);

  const modules = [...context.modules.values()].sort((a, b) => compareStrings(a.goModFile, b.goModFile));
  return { root, goWork, modules, issues: issues.finish() };
}

type FileProbe = { kind: 'file' } | { kind: 'missing' } | { kind: 'refused'; detail: string };

/** Whether a repository path names a regular file inside the workspace, without reading it. */
async function probeFile(abs: string, context: Context): Promise<FileProbe> {
  const resolved = await resolveInWorkspace(context.repo, abs, context.platform, context.realRepo);
  if (!resolved.ok) return resolved.failure === 'not-found' ? { kind: 'missing' } : { kind: 'refused', detail: resolved.detail };
  try {
    const info = await stat(resolved.real);
    return info.isFile() ? { kind: 'file' } : { kind: 'refused', detail: info.isDirectory() ? 'it is a directory' : 'it is not a regular file (a FIFO, socket or device)' };
  } catch {
    return { kind: 'missing' };
  }
}

/** The go command's FindGoWork: GOWORK=off disables, an absolute path selects, else search up. */
async function findGoWork(root: string, context: Context, gowork: string): Promise<string | null> {
  if (gowork === 'off') return null;
  if (gowork !== '' && gowork !== 'auto') {
    const pathApi = context.platform === 'win32' ? path.win32 : path.posix;
    if (!pathApi.isAbsolute(gowork)) {
      context.issues.add({ file: '', message: `GOWORK=${gowork} is not an absolute path; the go command stops with "go: invalid GOWORK: not an absolute path".` });
      return null;
    }
    // Only repository files are read (a GOWORK naming ~/.ssh/id_ed25519 or /proc/self/environ must
    // never be parsed into messages), and only they can carry annotations; the walk below still
    // finds the workspace's go.mod files. Checked on the path first (another drive on Windows),
    // then through its symbolic links.
    const outside = (): null => {
      context.issues.add({ file: '', message: `GOWORK names ${excerpt(gowork, 160)}, which is outside the workspace, so it was not read: the modules below the working directory were checked one by one instead (a go.work module may then be listed as a requirement of its siblings). Put the go.work in the repository, or set GOWORK to a file under the workspace.` });
      return null;
    };
    if (!isWithin(context.repo, pathApi.resolve(gowork), context.platform)) return outside();
    const resolved = await resolveInWorkspace(context.repo, gowork, context.platform, context.realRepo);
    if (!resolved.ok && resolved.failure === 'outside-workspace') return outside();
    const probe = await probeFile(gowork, context);
    if (probe.kind !== 'file') {
      context.issues.add({ file: '', message: `GOWORK names ${excerpt(gowork, 160)}, which ${probe.kind === 'missing' ? 'does not exist' : probe.detail.replace(/^it /, '')}: it is not a file the go command can read.` });
      return null;
    }
    return gowork;
  }
  // The go command searches every parent directory; the search stops at the repository root here
  // because a go.work outside the checkout is neither annotatable nor part of the repository.
  return findUpwards(root, 'go.work', context);
}

async function addUseDirectories(goWorkPath: string, parsed: GoWorkFile, context: Context): Promise<void> {
  const workDir = path.dirname(goWorkPath);
  const file = context.rel(goWorkPath);
  const used = new Set<string>();
  for (const use of parsed.uses) {
    const dir = path.resolve(workDir, use.dir);
    const resolved = await resolveInWorkspace(context.repo, dir, context.platform, context.realRepo);
    const key = dirKey(resolved.ok ? resolved.real : dir, context.platform);
    if (used.has(key)) {
      context.issues.add({ file, line: use.line, message: `${file}:${use.line}: path ${use.dir} appears multiple times in workspace` });
      continue;
    }
    used.add(key);
    const probe = await probeFile(path.join(dir, 'go.mod'), context);
    if (probe.kind !== 'file') {
      const why = probe.kind === 'missing' ? 'directory has no go.mod' : `its go.mod was not read: ${probe.detail}`;
      context.issues.add({ file, line: use.line, message: `${file}:${use.line}: use ${use.dir}: ${why} (the go command fails with "cannot load module ${use.dir} listed in go.work file").` });
      continue;
    }
    await addModule(dir, true, context);
  }
}

async function addModule(dir: string, inWorkFile: boolean, context: Context): Promise<void> {
  const resolved = await resolveInWorkspace(context.repo, dir, context.platform, context.realRepo);
  const key = dirKey(resolved.ok ? resolved.real : dir, context.platform);
  // One module per directory, however it was reached (a `use` line, the walk, a different case).
  if (context.modules.has(key)) return;
  const goModPath = path.join(dir, 'go.mod');
  const goModFile = context.rel(goModPath);
  const text = await readText(goModPath, context);
  if (text === null) return;
  const { file, issues: parseIssues } = parseGoMod(text);
  context.issues.addParseIssues(goModFile, parseIssues);
  // A file with parse issues has already been reported; only a clean file missing `module` is.
  if (file.module === null && parseIssues.length === 0) {
    context.issues.add({ file: goModFile, message: `${goModFile}: no module directive; the go command cannot use this go.mod as a main module.` });
  }
  context.modules.set(key, { dir, goModFile, file, inWorkFile });
}

/**
 * Breadth-first walk below root for go.mod files. Symbolic links to directories are never
 * followed (the go command ignores symlinked directories when matching packages too), which also
 * rules out loops. Counts every directory entry against maxFiles so a huge checkout cannot stall
 * the step.
 */
async function walkForGoMods(root: string, maxFiles: number, context: Context): Promise<string[]> {
  const found: string[] = [];
  const walk = await walkTree(
    root,
    {
      maxEntries: maxFiles,
      descend: (name) => !isSkippedDir(name),
      // Directories cannot carry an annotation, hence file ''.
      onUnreadable: (dir, error) => context.issues.add({ file: '', message: `cannot list ${context.rel(dir) || '.'}: ${errorText(error)}` }),
    },
    ({ dir, dirent }) => {
      if (dirent.name !== 'go.mod') return;
      // A FIFO or device named go.mod is refused without opening it (reading would block or never end).
      if (isSpecial(dirent)) context.issues.add({ file: context.rel(path.join(dir, 'go.mod')), message: `${context.rel(path.join(dir, 'go.mod'))} is not a regular file (a FIFO, socket or device), so it was not read; the go command would block on it or fail.` });
      // A symbolic link is resolved (and refused outside the workspace) when it is read.
      else if (dirent.isFile() || dirent.isSymbolicLink()) found.push(dir);
    },
  );
  if (walk.truncated) context.issues.add({ file: '', message: `Stopped looking for go.mod files after ${maxFiles} directory entries; modules deeper in the tree were not checked.` });
  return found;
}

function isSpecial(dirent: Dirent): boolean {
  return dirent.isFIFO() || dirent.isSocket() || dirent.isCharacterDevice() || dirent.isBlockDevice();
}

async function findUpwards(start: string, name: string, context: Context): Promise<string | null> {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, name);
    const probe = await probeFile(candidate, context);
    // A refused candidate (outside the workspace, not a regular file) is still the one the go
    // command would find: report it when it is read instead of skipping to the parent.
    if (probe.kind !== 'missing') return candidate;
    if (dir === context.repo || !isInside(context.repo, dir)) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function readText(file: string, context: Context): Promise<string | null> {
  const read = await readRepoFile(context.repo, file, { maxBytes: REPO_TEXT_FILE_MAX_BYTES, platform: context.platform, ...(context.realRepo === undefined ? {} : { realWorkspace: context.realRepo }) });
  if (read.ok) return read.text;
  const relative = context.rel(file);
  context.issues.add({ file: relative, message: `cannot read ${relative}: ${read.detail}.` });
  return null;
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
  const workReplaces = replaceIndex(ws.goWork?.parsed.replaces ?? []);
  const out: RequiredModule[] = [];
  for (const module of ws.modules) {
    const moduleReplaces = replaceIndex(module.file.replaces);
    for (const req of module.file.requires) {
      if (module.file.module !== null && req.path === module.file.module.path) continue;
      if (module.inWorkFile && workModulePaths.has(req.path)) continue;
      const fromWork = module.inWorkFile && ws.goWork !== null ? findReplace(workReplaces, req) : null;
      const replace = fromWork ?? findReplace(moduleReplaces, req);
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

/** Per replaced path: the last wildcard replace and the last replace of each version (the go command keeps the last). */
interface ReplaceIndex {
  wildcard: Map<string, ReplaceLine>;
  exact: Map<string, ReplaceLine>;
}

function replaceIndex(replaces: readonly ReplaceLine[]): ReplaceIndex {
  const index: ReplaceIndex = { wildcard: new Map(), exact: new Map() };
  for (const r of replaces) {
    if (r.from.version === null) index.wildcard.set(r.from.path, r);
    else index.exact.set(`${r.from.path}@${r.from.version}`, r);
  }
  return index;
}

/** A version-specific replace wins over a wildcard one, as in modload's replacement lookup. */
function findReplace(index: ReplaceIndex, req: RequireLine): ReplaceLine | null {
  return index.exact.get(`${req.path}@${req.version}`) ?? index.wildcard.get(req.path) ?? null;
}
