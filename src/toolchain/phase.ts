// The toolchain phase: install the Go the inputs ask for (go-version / go-version-file), then
// check that every go.mod/go.work can be served by the go that will run — directly, or by the
// toolchain switch GOTOOLCHAIN allows (go-semantics §9).

import { InputError } from '../config/inputValues.js';
import { prependPath } from '../go/envPath.js';
import type { runGo } from '../go/goCommand.js';
import { readNetrc } from '../go/netrcFile.js';
import { redactForDisplay } from '../go/redact.js';
import type { Problem } from '../problems.js';
import { capList, excerpt } from '../report/bounds.js';
import { boundedTable, escapeCell } from '../report/summary.js';
import { readRepoFile, REPO_TEXT_FILE_MAX_BYTES, type RepoFileFailure } from '../workspace/repoFile.js';
import { detectToolchainNeeds, type DetectionResult } from './checks.js';
import { Http } from './download.js';
import { installGo, resolveRequest, toolchainLister, type InstallOutcome, type Resolution } from './install.js';
import { parseGotoolchain } from './version.js';
import { parseGoVersionFile, parseGoVersionInput, type VersionRequest } from './versionInput.js';

export interface ToolchainOptions {
  goVersion: string;
  goVersionFile: string;
  workspace: string;
  workingDirectory: string;
  localGo: { binary: string; version: string } | null;
  /** The host platform (GOHOSTOS/GOHOSTARCH of the job's go, context.ts toolchainPlatform). */
  goos: string;
  goarch: string;
  /** check-latest: resolve ranges against GOPROXY's toolchain list even when the tool cache has a match. */
  checkLatest?: boolean;
  /** Job env with the action's exported values. */
  env: NodeJS.ProcessEnv;
  goproxy: string;
  gosumdb: string;
  gonosumdb: string;
  goModLines: Array<{ file: string; go: { version: string; line: number } | null; toolchain: { name: string; line: number } | null }>;
  budgetMs: number;
  /** For tests of other platforms' code paths; default process.platform. */
  platform?: NodeJS.Platform;
  /** For tests of a Windows install on Linux (go.exe run through sh); default the real runGo. */
  runGo?: typeof runGo;
}

export interface ToolchainResult {
  problems: Problem[];
  goVersion: string | null;
  goPath: string | null;
  addPath: string | null;
  exportEnv: Record<string, string>;
  summaryBody: string;
}

/** A toolchain zip is ~70-100 MB: the install gets at least this long whatever the probe budget. */
const INSTALL_MIN_MS = 10 * 60_000;

/** The summary's per-file table stays far below the job summary's 1 MiB whatever the workspace. */
export const TOOLCHAIN_TABLE_BUDGET = 48 * 1024;
/** Characters of one cell of that table (a file path 2,000 directories deep is not shown whole). */
const CELL_CHARS = 300;
/** Install steps shown in the summary. */
const MAX_STEPS = 20;

const FILE_FAILURE: Record<RepoFileFailure, string> = {
  'not-found': 'the file does not exist',
  'outside-workspace': 'it resolves (through a symbolic link or an absolute path) to a place outside the workspace',
  'not-regular': 'it is not a regular file (a directory, FIFO, socket or device)',
  'too-large': `it is larger than the ${REPO_TEXT_FILE_MAX_BYTES} bytes a version file may have`,
  unreadable: 'the file cannot be read',
};

async function readRequest(options: ToolchainOptions, problems: Problem[]): Promise<VersionRequest | null> {
  const spec = options.goVersion.trim();
  const file = options.goVersionFile.trim();
  if (spec !== '' && file !== '') {
    problems.push({ severity: 'warning', code: 'GO_VERSION_BOTH', variable: 'go-version', setIn: 'input', message: `Both go-version (${excerpt(spec)}) and go-version-file (${excerpt(file)}) are set; go-version is used.`, fix: 'Remove one of the two inputs.' });
  }
  if (spec !== '') return parseGoVersionInput(spec);
  if (file === '') return null;
  // Inside the workspace, a regular file, bounded: a committed symlink to /proc/self/environ, a
  // FIFO or /dev/zero is refused before a byte of it is read, so nothing of it reaches a message.
  const read = await readRepoFile(options.workspace, file, { maxBytes: REPO_TEXT_FILE_MAX_BYTES, ...(options.platform === undefined ? {} : { platform: options.platform }) });
  if (!read.ok) {
    throw new InputError('go-version-file', excerpt(file), FILE_FAILURE[read.failure], 'Give a path relative to the repository root of a file in the repository, e.g. go.mod, go.work, .go-version or .tool-versions.');
  }
  return parseGoVersionFile(excerpt(file), read.text, { gotoolchain: options.env['GOTOOLCHAIN'] ?? '' });
}

/** "go-version `^1.22` (input go-version) → go1.25.1, the newest match in GOPROXY's toolchain list" */
function describeResolution(request: VersionRequest, resolution: Resolution): string {
  const spec = `\`${escapeCell(excerpt(request.spec.text, 80))}\``;
  const from =
    resolution.from === 'exact'
      ? 'as given'
      : resolution.from === 'tool-cache'
        ? 'the newest match in the tool cache'
        : request.spec.kind === 'alias'
          ? `${request.spec.alias} in GOPROXY's golang.org/toolchain list`
          : "the newest match in GOPROXY's golang.org/toolchain list";
  return `${spec} (${escapeCell(request.source)}) → go${resolution.version}, ${from}`;
}

export async function runToolchainPhase(options: ToolchainOptions): Promise<ToolchainResult> {
  const problems: Problem[] = [];
  const summary: string[] = [];
  const exportEnv: Record<string, string> = {};
  const env = options.env;
  const gonoproxy = env['GONOPROXY'] || env['GOPRIVATE'] || '';
  const netrc = await readNetrc(env);

  let goVersion: string | null = options.localGo?.version ?? null;
  let goPath: string | null = options.localGo?.binary ?? null;
  let addPath: string | null = null;
  let install: InstallOutcome | null = null;

  const request = await readRequest(options, problems);
  if (request !== null) {
    const http = await Http.open(env, netrc, Date.now() + Math.max(options.budgetMs, INSTALL_MIN_MS));
    try {
      const context = {
        http,
        goos: options.goos,
        goarch: options.goarch,
        goproxy: options.goproxy,
        gonoproxy,
        gosumdb: options.gosumdb,
        env,
        localGo: options.localGo,
        toolchainList: toolchainLister(http, options.goproxy, gonoproxy, options.goos, options.goarch),
        ...(options.platform === undefined ? {} : { platform: options.platform }),
        ...(options.runGo === undefined ? {} : { runGo: options.runGo }),
      };
      const resolved = await resolveRequest(request, context, { checkLatest: options.checkLatest === true });
      let steps = resolved.steps;
      if ('error' in resolved) {
        problems.push(resolved.error);
        summary.push(`**Install:** go-version \`${escapeCell(excerpt(request.spec.text, 80))}\` (${escapeCell(request.source)}) could not be resolved to a Go release (see Problems).`);
      } else {
        problems.push(...resolved.problems);
        install = await installGo(resolved.version, context);
        problems.push(...install.problems);
        steps = [...steps, ...install.steps];
        if (install.ok) {
          goVersion = install.version;
          goPath = install.goBinary;
          addPath = install.source === 'local' ? null : install.binDir;
          const how = install.source === 'download' ? (install.verification === 'sumdb' ? 'downloaded and verified' : '**downloaded WITHOUT verification**') : install.source === 'tool-cache' ? 'from the tool cache' : 'already on PATH';
          summary.push(`**Install:** ${describeResolution(request, resolved)}; ${how}.`);
        } else {
          summary.push(`**Install:** ${describeResolution(request, resolved)}; **failed**.`);
        }
      }
      const shown = capList(steps, MAX_STEPS);
      if (shown.shown.length > 0) summary.push(shown.shown.map((step) => `- ${escapeCell(redactForDisplay(excerpt(step, 500)))}`).join('\n') + (shown.omitted > 0 ? `\n- … ${shown.omitted} more step(s)` : ''));
    } finally {
      await http.close();
    }
    if (install?.ok === true) {
      // setup-go's rule: the installed go is the go; a job-level GOTOOLCHAIN chosen by the user stays.
      const current = env['GOTOOLCHAIN'] ?? '';
      if (current === '' || current === 'local' || current === 'auto') exportEnv['GOTOOLCHAIN'] = 'local';
      else {
        problems.push({ severity: 'notice', code: 'GOTOOLCHAIN_KEPT', variable: 'GOTOOLCHAIN', message: `GOTOOLCHAIN=${current} is set in the job, so it was not replaced by "local": go commands may still switch away from the installed go${install.version}.`, fix: 'Remove GOTOOLCHAIN from the job environment to run the installed Go.' });
      }
    }
  }

  // Detection, against the go that will run and the GOTOOLCHAIN that will be in effect.
  const gotoolchainRaw = exportEnv['GOTOOLCHAIN'] ?? env['GOTOOLCHAIN'];
  const gotoolchain = parseGotoolchain(gotoolchainRaw);
  let detection: DetectionResult | null = null;
  if (!gotoolchain.ok) {
    problems.push({ severity: 'error', code: 'GOTOOLCHAIN_INVALID', variable: 'GOTOOLCHAIN', message: `Every go command fails: go: ${gotoolchain.error}.`, fix: 'Set GOTOOLCHAIN to local, auto, path, go1.N.M, or go1.N.M+auto / +path.' });
  } else if (goVersion === null) {
    summary.push('No go on PATH: toolchain requirements of go.mod/go.work were not checked.');
  } else if (options.goModLines.length > 0) {
    const http = await Http.open(env, netrc, Date.now() + options.budgetMs);
    try {
      detection = await detectToolchainNeeds({
        gotoolchain: gotoolchain.value,
        localVersion: goVersion,
        files: options.goModLines,
        goos: options.goos,
        goarch: options.goarch,
        goproxy: options.goproxy,
        gonoproxy,
        gosumdb: options.gosumdb,
        env: addPath === null ? env : prependPath(env, [addPath], options.platform),
        http,
        ...(options.platform === undefined ? {} : { platform: options.platform }),
      });
    } finally {
      await http.close();
    }
    problems.push(...detection.problems);
    summary.push(`GOTOOLCHAIN=${escapeCell(excerpt(gotoolchain.value.value))}${gotoolchainRaw === undefined || gotoolchainRaw === '' ? ' (default)' : ''}; the go that runs: go${goVersion}.`);
    const cell = (text: string): string => escapeCell(excerpt(text, CELL_CHARS));
    summary.push(boundedTable(['File', 'Asks for', 'go commands run'], detection.rows.map((r) => [cell(r.file), cell(r.wants), cell(r.runs)]), TOOLCHAIN_TABLE_BUDGET));
  }

  return { problems, goVersion, goPath, addPath, exportEnv, summaryBody: summary.join('\n\n') + (summary.length > 0 ? '\n' : '') };
}
