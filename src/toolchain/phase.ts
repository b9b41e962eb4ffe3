// The toolchain phase: install the Go the inputs ask for (go-version / go-version-file), then
// check that every go.mod/go.work can be served by the go that will run — directly, or by the
// toolchain switch GOTOOLCHAIN allows (go-semantics §9).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../config/inputValues.js';
import { readNetrc } from '../go/netrcFile.js';
import { redactForDisplay } from '../go/redact.js';
import type { Problem } from '../problems.js';
import { escapeCell, markdownTable } from '../report/summary.js';
import { detectToolchainNeeds, type DetectionResult } from './checks.js';
import { Http } from './download.js';
import { installGo, resolveRequest, type InstallOutcome } from './install.js';
import { parseGotoolchain } from './version.js';
import { parseGoVersionFile, parseGoVersionInput, type VersionRequest } from './versionInput.js';

export interface ToolchainOptions {
  goVersion: string;
  goVersionFile: string;
  workspace: string;
  workingDirectory: string;
  localGo: { binary: string; version: string } | null;
  goos: string;
  goarch: string;
  /** Job env with the action's exported values. */
  env: NodeJS.ProcessEnv;
  goproxy: string;
  gosumdb: string;
  gonosumdb: string;
  goModLines: Array<{ file: string; go: { version: string; line: number } | null; toolchain: { name: string; line: number } | null }>;
  budgetMs: number;
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

async function readRequest(options: ToolchainOptions, problems: Problem[]): Promise<VersionRequest | null> {
  const spec = options.goVersion.trim();
  const file = options.goVersionFile.trim();
  if (spec !== '' && file !== '') {
    problems.push({ severity: 'warning', code: 'GO_VERSION_BOTH', variable: 'go-version', setIn: 'input', message: `Both go-version (${spec}) and go-version-file (${file}) are set; go-version is used.`, fix: 'Remove one of the two inputs.' });
  }
  if (spec !== '') return parseGoVersionInput(spec);
  if (file === '') return null;
  const full = path.resolve(options.workspace, file);
  let content: string;
  try {
    content = await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('go-version-file', file, code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code})`, 'Give a path relative to the repository root, e.g. go.mod, go.work, .go-version or .tool-versions.');
  }
  return parseGoVersionFile(file, content);
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
      const context = { http, goos: options.goos, goarch: options.goarch, goproxy: options.goproxy, gonoproxy, gosumdb: options.gosumdb, env, localGo: options.localGo };
      const resolved = await resolveRequest(request, context);
      if ('error' in resolved) {
        problems.push(resolved.error);
        summary.push(`**Install:** Go ${request.kind === 'exact' ? request.version : request.line} (${request.source}) could not be resolved.`);
      } else {
        install = await installGo(resolved.version, context);
        problems.push(...install.problems);
        const steps = [...resolved.steps, ...install.steps];
        if (install.ok) {
          goVersion = install.version;
          goPath = install.goBinary;
          addPath = install.source === 'local' ? null : install.binDir;
          const how = install.source === 'download' ? (install.verification === 'sumdb' ? 'downloaded and verified' : '**downloaded WITHOUT verification**') : install.source === 'tool-cache' ? 'from the tool cache' : 'already on PATH';
          summary.push(`**Install:** go${install.version} (${request.source}) — ${how}.`);
        } else {
          summary.push(`**Install:** go${resolved.version} (${request.source}) **failed**.`);
        }
        if (steps.length > 0) summary.push(steps.map((s) => `- ${escapeCell(redactForDisplay(s))}`).join('\n'));
      }
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
        env: addPath === null ? env : { ...env, PATH: `${addPath}${path.delimiter}${env['PATH'] ?? ''}` },
        http,
      });
    } finally {
      await http.close();
    }
    problems.push(...detection.problems);
    summary.push(`GOTOOLCHAIN=${gotoolchain.value.value}${gotoolchainRaw === undefined || gotoolchainRaw === '' ? ' (default)' : ''}; the go that runs: go${goVersion}.`);
    summary.push(markdownTable(['File', 'Asks for', 'go commands run'], detection.rows.map((r) => [escapeCell(r.file), escapeCell(r.wants), escapeCell(r.runs)])));
  }

  return { problems, goVersion, goPath, addPath, exportEnv, summaryBody: summary.join('\n\n') + (summary.length > 0 ? '\n' : '') };
}
