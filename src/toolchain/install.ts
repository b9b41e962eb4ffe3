// Makes one Go release available: the runner's tool cache first (actions/setup-go's layout,
// <RUNNER_TOOL_CACHE>/go/<semver>/<arch>/bin/go), else golang.org/toolchain from GOPROXY — the
// module the go command itself downloads when it switches toolchains (toolchain/exec.go) —
// verified against the checksum database exactly as a switch would require (go-semantics §9:
// the database is mandatory for toolchains), unpacked and cached with tool-cache cacheDir.

import * as tc from '@actions/tool-cache';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseGosumdb } from '../go/gosumdb.js';
import { runGo } from '../go/goCommand.js';
import type { Problem } from '../problems.js';
import { walkProxies, versionFile, type Http } from './download.js';
import { lookupVerified, resolveSumdbRoute, SumdbError } from './sumdb.js';
import { compareGoVersions, parseGoVersion, parseGoVersionOutput, TOOLCHAIN_MODULE, toolCacheArch, toolCacheVersion, toolchainModuleVersion } from './version.js';
import type { VersionRequest } from './versionInput.js';
import { extractZip, listZip, markToolchainExecutables, MAX_ZIP_BYTES, relativeNames, zipHash1, ZipError, type ZipFileEntry } from './zip.js';

export interface InstallContext {
  http: Http;
  goos: string;
  goarch: string;
  goproxy: string;
  gonoproxy: string;
  gosumdb: string;
  env: NodeJS.ProcessEnv;
  /** Where `local` go lives when it already is the wanted version (skips everything). */
  localGo: { binary: string; version: string } | null;
}

export type Verification = 'sumdb' | 'unverified';

export type InstallOutcome =
  | {
      ok: true;
      version: string;
      goroot: string;
      binDir: string;
      goBinary: string;
      source: 'local' | 'tool-cache' | 'download';
      verification: Verification | null;
      /** Human-readable steps for the summary. */
      steps: string[];
      problems: Problem[];
    }
  | { ok: false; problems: Problem[]; steps: string[] };

const exe = process.platform === 'win32' ? 'go.exe' : 'go';

function toolCacheAvailable(): boolean {
  return (process.env['RUNNER_TOOL_CACHE'] ?? '') !== '';
}

/** "1.21.0-rc.1" -> "1.21rc1", "1.22.5" -> "1.22.5" (the tool cache's folder names back to Go's). */
export function goVersionFromToolCache(semver: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([a-z]+)\.(\d+))?$/.exec(semver);
  if (m === null) return semver;
  return m[4] === undefined ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}${m[4]}${m[5]}`;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The release to install for a request: exact versions as given; "newest 1.22.x" from the tool
 * cache if it has one, else from the golang.org/toolchain version list of GOPROXY.
 */
export async function resolveRequest(request: VersionRequest, context: InstallContext): Promise<{ version: string; steps: string[] } | { error: Problem }> {
  if (request.kind === 'exact') return { version: request.version, steps: [] };
  const arch = toolCacheArch(context.goarch);
  if (toolCacheAvailable()) {
    const found = tc.find('go', `${request.line}.x`, arch);
    if (found !== '') {
      const version = goVersionFromToolCache(path.basename(path.dirname(found)));
      return { version, steps: [`${request.line}: newest in the tool cache is ${version}`] };
    }
  }
  const listed = await walkProxies(context.http, context.goproxy, context.gonoproxy, TOOLCHAIN_MODULE, 'list', { maxBytes: 4 << 20 });
  const suffix = `.${context.goos}-${context.goarch}`;
  const candidates = (listed.body?.toString('utf8') ?? '')
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((v) => v.startsWith('v0.0.1-go') && v.endsWith(suffix))
    .map((v) => v.slice('v0.0.1-go'.length, -suffix.length))
    .filter((v) => {
      const parsed = parseGoVersion(v);
      // Releases only (no rc/beta) of the requested line.
      return parsed !== null && parsed.kind === '' && parsed.patch !== '' && `${parsed.major}.${parsed.minor}` === request.line;
    })
    .sort(compareGoVersions);
  const newest = candidates[candidates.length - 1];
  if (newest === undefined) {
    const why = listed.body === null ? `GOPROXY could not list golang.org/toolchain: ${listed.error ?? 'no answer'}` : `GOPROXY lists no go${request.line}.N release for ${context.goos}/${context.goarch}`;
    return {
      error: {
        severity: 'error',
        code: 'TOOLCHAIN_VERSION_UNRESOLVED',
        variable: 'go-version',
        setIn: 'input',
        message: `Cannot resolve Go ${request.line} (${request.source}) to a release: ${why}.`,
        fix: 'Give an exact release such as 1.22.5, or make GOPROXY serve golang.org/toolchain (proxy.golang.org does).',
      },
    };
  }
  return { version: newest, steps: [`${request.line}: newest release listed by GOPROXY is ${newest}`] };
}

/** Installs Go `version` (e.g. "1.22.5") for the context's platform. Never throws for expected failures. */
export async function installGo(version: string, context: InstallContext): Promise<InstallOutcome> {
  const steps: string[] = [];
  const problems: Problem[] = [];
  const toolchain = `go${version}`;
  const fail = (code: string, message: string, fix: string): InstallOutcome => {
    problems.push({ severity: 'error', code, variable: 'go-version', setIn: 'input', message, fix });
    return { ok: false, problems, steps };
  };

  if (context.localGo !== null && compareGoVersions(context.localGo.version, version) === 0 && parseGoVersion(context.localGo.version) !== null) {
    const binDir = path.dirname(context.localGo.binary);
    steps.push(`${toolchain} is already the go on PATH (${context.localGo.binary})`);
    return { ok: true, version, goroot: path.dirname(binDir), binDir, goBinary: context.localGo.binary, source: 'local', verification: null, steps, problems };
  }

  const semver = toolCacheVersion(version);
  const arch = toolCacheArch(context.goarch);
  if (semver === null) {
    return fail('TOOLCHAIN_VERSION_INVALID', `go-version ${version} is a language version, not a Go release.`, `Name a release such as ${version}.0.`);
  }
  if (toolCacheAvailable()) {
    const cached = tc.find('go', semver, arch);
    if (cached !== '' && (await isExecutable(path.join(cached, 'bin', exe)))) {
      steps.push(`found ${toolchain} in the runner's tool cache: ${cached}`);
      return { ok: true, version, goroot: cached, binDir: path.join(cached, 'bin'), goBinary: path.join(cached, 'bin', exe), source: 'tool-cache', verification: null, steps, problems };
    }
  }

  // Download golang.org/toolchain@v0.0.1-go<V>.<GOOS>-<GOARCH> through GOPROXY.
  const moduleVersion = toolchainModuleVersion(toolchain, context.goos, context.goarch);
  const modId = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  const fetched = await walkProxies(context.http, context.goproxy, context.gonoproxy, TOOLCHAIN_MODULE, versionFile(moduleVersion, 'zip'), { maxBytes: MAX_ZIP_BYTES });
  for (const attempt of fetched.attempts) steps.push(`GET ${modId}.zip from ${attempt.element}: ${attempt.outcome === 'ok' ? 'served' : attempt.message.split('\n')[0]}`);
  if (fetched.body === null) {
    const goText = fetched.errorIsNotFound ? `download ${toolchain} for ${context.goos}/${context.goarch}: toolchain not available` : `download ${toolchain}: ${fetched.error ?? 'no answer'}`;
    return fail('TOOLCHAIN_DOWNLOAD_FAILED', `Cannot install ${toolchain}: ${goText}.`, 'Make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org and most public mirrors do), or preinstall this Go release in the runner image.');
  }
  const zip = fetched.body;

  // Verify before anything is written: the checksum database is mandatory for toolchains.
  let entries: ZipFileEntry[];
  let zipHash: string;
  try {
    entries = listZip(zip);
    zipHash = zipHash1(zip, entries);
  } catch (error) {
    return fail('TOOLCHAIN_ZIP_INVALID', `The ${modId}.zip served by ${fetched.servedBy ?? 'GOPROXY'} is not a valid module zip: ${(error as Error).message}.`, 'Check the proxy: it answered with something other than the module zip.');
  }
  const sumdb = parseGosumdb(context.gosumdb);
  let verification: Verification;
  if (!sumdb.ok) {
    return fail('TOOLCHAIN_UNVERIFIABLE', `Refusing to install ${toolchain}: ${modId}: verifying module: ${sumdb.error}.`, 'Fix GOSUMDB; the checksum database is required to verify a toolchain.');
  } else if (sumdb.config.kind === 'off') {
    verification = 'unverified';
    steps.push(`NOT verified: GOSUMDB=off (downloaded ${zipHash})`);
    problems.push({
      severity: 'warning',
      code: 'TOOLCHAIN_UNVERIFIED',
      variable: 'GOSUMDB',
      message: `UNVERIFIED TOOLCHAIN: ${toolchain} (${modId}, ${zipHash}) was installed WITHOUT checksum verification because GOSUMDB=off. Whatever ${fetched.servedBy ?? 'the proxy'} served now runs as your go command. The go command itself refuses this download ("verifying module: checksum database disabled by GOSUMDB=off").`,
      fix: 'Turn checksum verification back on (unset GOSUMDB or set it to sum.golang.org, or your own database).',
    });
  } else {
    const config = sumdb.config;
    const route = await resolveSumdbRoute(context.http, config, context.goproxy, context.gonoproxy);
    if (route.baseUrl === null) {
      return fail('TOOLCHAIN_UNVERIFIABLE', `Refusing to install ${toolchain}: the checksum database ${config.name} cannot be reached: ${route.reason}.`, 'Fix the route to the checksum database (see the GOSUMDB problems), or give GOSUMDB an explicit URL.');
    }
    try {
      const lookup = await lookupVerified(context.http, route.baseUrl, config.verifierKey, TOOLCHAIN_MODULE, moduleVersion);
      const prefix = `${TOOLCHAIN_MODULE} ${moduleVersion} h1:`;
      const recorded = lookup.lines.find((line) => line.startsWith(prefix));
      if (recorded === undefined) {
        return fail('TOOLCHAIN_UNVERIFIABLE', `Refusing to install ${toolchain}: the checksum database ${config.name} has no hash for ${modId}.`, 'Use a Go release the checksum database knows, or the database that signed this toolchain.');
      }
      const want = recorded.slice(prefix.length - 'h1:'.length);
      if (want !== zipHash) {
        return fail(
          'TOOLCHAIN_CHECKSUM_MISMATCH',
          `SECURITY ERROR: refusing to install ${toolchain}: ${modId}: checksum mismatch: downloaded ${zipHash} from ${fetched.servedBy ?? 'GOPROXY'}, ${config.name} says ${want}. The proxy served a toolchain that is not the one the checksum database records.`,
          `Do not use ${fetched.servedBy ?? 'this proxy'} until you know why it serves different bytes; remove it from GOPROXY.`,
        );
      }
      verification = 'sumdb';
      steps.push(`verified ${zipHash} with ${config.name} via ${route.via === 'proxy' ? `the proxy ${route.baseUrl}` : route.baseUrl} (record ${lookup.recordId} of ${lookup.treeSize}, signed tree note, ${lookup.tilesRead} tiles)`);
    } catch (error) {
      if (!(error instanceof SumdbError)) throw error;
      return fail('TOOLCHAIN_UNVERIFIABLE', `Refusing to install ${toolchain}: ${modId}: verifying module: ${error.message}.`, 'The checksum database must be reachable and must vouch for the toolchain; check GOSUMDB and the proxies that serve it.');
    }
  }

  // Unpack (the zip's files are under "<module>@<version>/"), then hand it to the tool cache.
  const prefix = `${modId}/`;
  const tempBase = process.env['RUNNER_TEMP'] || tmpdir();
  const staging = await mkdtemp(path.join(tempBase, 'setup-goproxy-toolchain-'));
  try {
    try {
      await extractZip(zip, prefix, staging, entries);
      await markToolchainExecutables(staging, relativeNames(entries, prefix));
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
      return fail('TOOLCHAIN_ZIP_INVALID', `Cannot unpack ${modId}.zip: ${error.message}.`, 'Check the proxy that served it.');
    }
    const stagedGo = path.join(staging, 'bin', exe);
    if (!(await isExecutable(stagedGo))) {
      return fail('TOOLCHAIN_ZIP_INVALID', `${modId}.zip has no bin/${exe}.`, 'Check the proxy that served it.');
    }
    // The go command re-runs itself from the new tree; check that it runs and is what we asked.
    const ran = await runGo(stagedGo, ['version'], { ...context.env, GOTOOLCHAIN: 'local', GOROOT: '' }, staging, 20_000);
    const reported = parseGoVersionOutput(ran.stdout);
    if (ran.code !== 0 || reported === null || compareGoVersions(reported, version) !== 0) {
      return fail('TOOLCHAIN_BROKEN', `The installed ${toolchain} does not run as expected: \`go version\` exited ${ran.code} and printed ${JSON.stringify((ran.stdout + ran.stderr).trim().slice(0, 200))}.`, 'Check the toolchain zip the proxy serves.');
    }
    let goroot = staging;
    if (toolCacheAvailable()) {
      goroot = await tc.cacheDir(staging, 'go', semver, arch);
      steps.push(`cached in the tool cache: ${goroot}`);
    } else {
      steps.push(`RUNNER_TOOL_CACHE is not set: installed in ${staging} (not cached)`);
    }
    const binDir = path.join(goroot, 'bin');
    return { ok: true, version, goroot, binDir, goBinary: path.join(binDir, exe), source: 'download', verification, steps, problems };
  } finally {
    if (toolCacheAvailable()) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
