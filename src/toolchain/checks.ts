// Detection: will the job's go commands run the go on PATH, switch toolchains, or stop? For each
// go.mod/go.work, toolchain.Select's decision (version.ts selectToolchain); then what the switch
// needs (toolchain/exec.go): a go1.X.Y binary in PATH, else golang.org/toolchain through GOPROXY
// and a reachable checksum database — mandatory for toolchains (modfetch/sumdb.go useSumDB).

import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { pathDirectories } from '../go/envPath.js';
import { parseGosumdb } from '../go/gosumdb.js';
import type { Problem } from '../problems.js';
import { excerpt } from '../report/bounds.js';
import { walkProxies, versionFile, type Http } from './download.js';
import { lookupVerified, resolveSumdbRoute, SumdbError } from './sumdb.js';
import {
  compareGoVersions,
  isLangVersion,
  selectToolchain,
  tooNewMessage,
  TOOLCHAIN_MODULE,
  toolchainModuleVersion,
  versionFromToolchain,
  type Gotoolchain,
} from './version.js';

export interface GoModLines {
  file: string;
  go: { version: string; line: number } | null;
  toolchain: { name: string; line: number } | null;
}

export interface DetectionInput {
  gotoolchain: Gotoolchain;
  /** The go that runs ("1.23.5"). */
  localVersion: string;
  files: readonly GoModLines[];
  goos: string;
  goarch: string;
  goproxy: string;
  gonoproxy: string;
  gosumdb: string;
  /** For PATH lookups of go1.X.Y binaries. */
  env: NodeJS.ProcessEnv;
  http: Http;
  /** For tests of other platforms' PATH rules; default process.platform. */
  platform?: NodeJS.Platform;
}

export interface SwitchCheck {
  toolchain: string;
  /** Where it would come from: a binary in PATH, the proxy (verified), or nowhere. */
  outcome: 'in-path' | 'available' | 'failed';
  detail: string;
}

export interface DetectionResult {
  problems: Problem[];
  /** One line per file for the summary. */
  rows: Array<{ file: string; wants: string; runs: string }>;
  switches: SwitchCheck[];
}

/** cfg.LookPath for a go1.X.Y binary (Windows: PATH may be spelt Path, the binary is go1.X.Y.exe, and existence is enough). */
async function findInPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | null> {
  const names = platform === 'win32' ? [`${name}.exe`] : [name];
  for (const dir of pathDirectories(env, platform)) {
    for (const n of names) {
      try {
        await access(path.join(dir, n), platform === 'win32' ? constants.F_OK : constants.X_OK);
        return path.join(dir, n);
      } catch {
        // next
      }
    }
  }
  return null;
}

/** Is golang.org/toolchain for `toolchain` obtainable the way the go command would obtain it? Returns the go error text or null. */
async function checkSwitch(toolchain: string, input: DetectionInput): Promise<{ ok: true; detail: string } | { ok: false; goError: string; kind: 'not-available' | 'download' | 'sumdb-off' | 'sumdb' }> {
  const moduleVersion = toolchainModuleVersion(toolchain, input.goos, input.goarch);
  const modId = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  // Only the status matters here: the go command asks for the .zip, so ask for it, and stop reading at the headers.
  const fetched = await walkProxies(input.http, input.goproxy, input.gonoproxy, TOOLCHAIN_MODULE, versionFile(moduleVersion, 'zip'), { maxBytes: Number.MAX_SAFE_INTEGER, statusOnly: true });
  if (fetched.servedBy === null) {
    if (fetched.errorIsNotFound) {
      const toolVersion = versionFromToolchain(toolchain);
      if (isLangVersion(toolVersion) && compareGoVersions(toolVersion, '1.21') >= 0) {
        return { ok: false, kind: 'not-available', goError: `invalid toolchain: ${toolchain} is a language version but not a toolchain version (${toolchain}.x)` };
      }
      return { ok: false, kind: 'not-available', goError: `download ${toolchain} for ${input.goos}/${input.goarch}: toolchain not available` };
    }
    return { ok: false, kind: 'download', goError: `download ${toolchain}: ${modId}: ${fetched.error ?? 'no answer'}` };
  }
  // useSumDB: required even with GOSUMDB=off or GONOSUMDB, except for GOPROXY = one file:// URL.
  if (input.goproxy.startsWith('file://') && !/[,|]/.test(input.goproxy)) {
    return { ok: true, detail: `served by ${fetched.servedBy}; a single file:// GOPROXY needs no checksum database` };
  }
  const sumdb = parseGosumdb(input.gosumdb);
  if (!sumdb.ok) return { ok: false, kind: 'sumdb', goError: `download ${toolchain}: ${modId}: verifying module: ${sumdb.error}` };
  if (sumdb.config.kind === 'off') {
    return { ok: false, kind: 'sumdb-off', goError: `download ${toolchain}: ${modId}: verifying module: checksum database disabled by GOSUMDB=off` };
  }
  const route = await resolveSumdbRoute(input.http, sumdb.config, input.goproxy, input.gonoproxy);
  if (route.baseUrl === null) return { ok: false, kind: 'sumdb', goError: `download ${toolchain}: ${modId}: verifying module: ${route.reason}` };
  try {
    const lookup = await lookupVerified(input.http, route.baseUrl, sumdb.config.verifierKey, TOOLCHAIN_MODULE, moduleVersion);
    const has = lookup.lines.some((line) => line.startsWith(`${TOOLCHAIN_MODULE} ${moduleVersion} h1:`));
    return { ok: true, detail: `served by ${fetched.servedBy}; ${sumdb.config.name} ${has ? 'has its verified hash' : 'answers (no hash line for it)'}` };
  } catch (error) {
    if (!(error instanceof SumdbError)) throw error;
    return { ok: false, kind: 'sumdb', goError: `download ${toolchain}: ${modId}: verifying module: ${error.message}` };
  }
}

export async function detectToolchainNeeds(input: DetectionInput): Promise<DetectionResult> {
  const problems: Problem[] = [];
  const rows: DetectionResult['rows'] = [];
  const switches = new Map<string, Promise<SwitchCheck>>();
  const local = `go${input.localVersion}`;
  const pinned = input.gotoolchain.min === 'local' ? null : input.gotoolchain.min;
  // Messages quote short excerpts: a path 2,000 directories deep or a huge GOTOOLCHAIN is not repeated per module.
  const gotoolchainValue = excerpt(input.gotoolchain.value);

  const switchCheck = (toolchain: string, pathOnly: boolean): Promise<SwitchCheck> => {
    const key = `${toolchain} ${pathOnly}`;
    let pending = switches.get(key);
    if (pending === undefined) {
      pending = (async (): Promise<SwitchCheck> => {
        const found = await findInPath(toolchain, input.env, input.platform ?? process.platform);
        if (found !== null) return { toolchain, outcome: 'in-path', detail: `go runs ${found}` };
        if (pathOnly) return { toolchain, outcome: 'failed', detail: `cannot find ${JSON.stringify(toolchain)} in PATH` };
        const checked = await checkSwitch(toolchain, input);
        return checked.ok ? { toolchain, outcome: 'available', detail: checked.detail } : { toolchain, outcome: 'failed', detail: checked.goError };
      })();
      switches.set(key, pending);
    }
    return pending;
  };

  for (const file of input.files) {
    const shownFile = excerpt(file.file);
    const lines = { go: file.go?.version ?? null, toolchain: file.toolchain?.name ?? null };
    const wants = [file.go === null ? null : `go ${file.go.version}`, file.toolchain === null ? null : `toolchain ${file.toolchain.name}`].filter((x) => x !== null).join(', ') || '(no go line)';
    const selection = selectToolchain(input.gotoolchain, input.localVersion, lines, shownFile);
    const at = (which: 'go' | 'toolchain'): { file: string; line?: number } => {
      const line = which === 'go' ? file.go?.line : file.toolchain?.line;
      return line === undefined ? { file: file.file } : { file: file.file, line };
    };

    if (selection.kind === 'error') {
      problems.push({ severity: 'error', code: selection.reason === 'toolchain-line' ? 'TOOLCHAIN_LINE_INVALID' : 'GOTOOLCHAIN_INVALID', variable: 'GOTOOLCHAIN', message: `Every go command in this module stops: go: ${selection.message}.`, fix: 'Write the toolchain line as go1.N.M (e.g. toolchain go1.22.5), or remove it.', ...(selection.reason === 'toolchain-line' ? at('toolchain') : {}) });
      rows.push({ file: file.file, wants, runs: `fails: ${selection.message}` });
      continue;
    }

    // No switching (GOTOOLCHAIN=local or a pinned go1.X.Y without +auto/+path): the running go
    // (local or the pinned one) checks the go line itself, and ignores the toolchain line.
    if (input.gotoolchain.mode === '') {
      const runs = selection.kind === 'switch' ? selection.toolchain : local;
      const runsVersion = versionFromToolchain(runs);
      if (file.go !== null && compareGoVersions(file.go.version, runsVersion) > 0) {
        const goText = tooNewMessage(path.posix.basename(file.file), file.go.version, runsVersion, gotoolchainValue);
        problems.push({
          severity: 'error',
          code: 'TOOLCHAIN_GO_TOO_NEW',
          variable: 'GOTOOLCHAIN',
          message: `${shownFile} needs Go ${file.go.version} or newer, but the go command runs ${runs} and GOTOOLCHAIN=${gotoolchainValue} forbids switching: every go command in this module fails with "go: ${goText}".`,
          fix: `Install a newer Go (go-version: ${file.go.version}${isLangVersion(file.go.version) ? '.0' : ''}, or go-version-file: ${shownFile}), or let the go command switch (GOTOOLCHAIN=auto), or lower the go line.`,
          ...at('go'),
        });
        rows.push({ file: file.file, wants, runs: `fails: needs go >= ${file.go.version}, runs ${runs}` });
      } else if (file.toolchain !== null && file.toolchain.name !== 'default' && compareGoVersions(versionFromToolchain(file.toolchain.name), runsVersion) > 0) {
        problems.push({
          severity: 'warning',
          code: 'TOOLCHAIN_LINE_IGNORED',
          variable: 'GOTOOLCHAIN',
          message: `${shownFile} asks for toolchain ${file.toolchain.name}, but GOTOOLCHAIN=${gotoolchainValue} makes the go command ignore that line: builds use ${runs}.`,
          fix: `Install ${file.toolchain.name} (go-version-file: ${shownFile}), or set GOTOOLCHAIN=auto to let go switch, or remove the toolchain line.`,
          ...at('toolchain'),
        });
        rows.push({ file: file.file, wants, runs: `${runs} (toolchain line ignored)` });
      } else {
        rows.push({ file: file.file, wants, runs: runs === local ? `${runs} (on PATH)` : runs });
      }
      if (selection.kind === 'switch') {
        const check = await switchCheck(selection.toolchain, false);
        if (check.outcome === 'failed') {
          problems.push({ severity: 'error', code: 'TOOLCHAIN_NOT_AVAILABLE', variable: 'GOTOOLCHAIN', message: `GOTOOLCHAIN=${gotoolchainValue} makes every go command switch to ${selection.toolchain}, and that fails: go: ${check.detail}.`, fix: 'Serve golang.org/toolchain through GOPROXY with a working checksum database, or install that Go (go-version) and set GOTOOLCHAIN=local.' });
        }
      }
      continue;
    }

    if (selection.kind === 'local') {
      // Only `toolchain default` keeps a newer go line from switching: then the go line fails.
      if (file.go !== null && compareGoVersions(file.go.version, input.localVersion) > 0) {
        const goText = tooNewMessage(path.posix.basename(file.file), file.go.version, input.localVersion, gotoolchainValue, file.toolchain?.name ?? null);
        problems.push({
          severity: 'error',
          code: 'TOOLCHAIN_GO_TOO_NEW',
          variable: 'GOTOOLCHAIN',
          message: `${shownFile} needs Go ${file.go.version} or newer, but the go command runs ${local} and "toolchain default" forbids switching: every go command in this module fails with "go: ${goText}".`,
          fix: `Install a newer Go (go-version: ${file.go.version}${isLangVersion(file.go.version) ? '.0' : ''}), or remove "toolchain default", or lower the go line.`,
          ...at('go'),
        });
        rows.push({ file: file.file, wants, runs: `fails: needs go >= ${file.go.version}, runs ${local}` });
        continue;
      }
      rows.push({ file: file.file, wants, runs: `${local} (on PATH${pinned === null ? '' : ', pinned'})` });
      continue;
    }
    const check = await switchCheck(selection.toolchain, selection.pathOnly);
    const where = selection.reason === 'go-line' ? at('go') : selection.reason === 'toolchain-line' ? at('toolchain') : {};
    const why =
      selection.reason === 'go-line'
        ? `${shownFile} needs Go ${file.go?.version ?? '?'}`
        : selection.reason === 'toolchain-line'
          ? `${shownFile} asks for toolchain ${selection.toolchain}`
          : `GOTOOLCHAIN=${gotoolchainValue} asks for ${selection.toolchain}`;
    if (check.outcome === 'failed') {
      rows.push({ file: file.file, wants, runs: `fails: ${check.detail}` });
      const sumdbOff = check.detail.endsWith('checksum database disabled by GOSUMDB=off');
      problems.push({
        severity: 'error',
        code: selection.pathOnly ? 'TOOLCHAIN_NOT_IN_PATH' : sumdbOff ? 'TOOLCHAIN_SUMDB_OFF' : check.detail.includes('toolchain not available') ? 'TOOLCHAIN_NOT_AVAILABLE' : 'TOOLCHAIN_DOWNLOAD_FAILS',
        variable: selection.pathOnly ? 'GOTOOLCHAIN' : sumdbOff ? 'GOSUMDB' : 'GOPROXY',
        message: `${why} and the go on PATH is ${local}, so every go command switches to ${selection.toolchain} (GOTOOLCHAIN=${gotoolchainValue}) — and that fails: go: ${check.detail}.`,
        fix: selection.pathOnly
          ? `Put a ${selection.toolchain} binary on PATH, or install it with go-version and set GOTOOLCHAIN=local.`
          : sumdbOff
            ? 'Toolchain downloads always need the checksum database: unset GOSUMDB=off (or set GONOSUMDB for private modules instead), or install this Go with go-version.'
            : `Make GOPROXY serve golang.org/toolchain (proxy.golang.org does; many private proxies do not) and the checksum database reachable, or install ${selection.toolchain} with go-version (go-version-file: ${shownFile}).`,
        ...where,
      });
    } else {
      rows.push({ file: file.file, wants, runs: `${selection.toolchain} (switch: ${check.detail})` });
      problems.push({ severity: 'notice', code: 'TOOLCHAIN_SWITCH', variable: 'GOTOOLCHAIN', message: `${why}; the go on PATH is ${local}, so every go command first switches to ${selection.toolchain}: ${check.detail}.`, fix: `Install ${selection.toolchain} up front (go-version-file: ${shownFile}) to skip the download in every job.`, ...where });
    }
  }
  return { problems, rows, switches: await Promise.all(switches.values()) };
}
