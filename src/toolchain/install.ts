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
import { newestReleases, parseToolchainList, resolveSpec, semverToGoVersion, type ToolchainRelease } from './spec.js';
import { compareGoVersions, parseGoVersion, parseGoVersionOutput, TOOLCHAIN_MODULE, toolCacheArch, toolCacheVersion, toolchainModuleVersion } from './version.js';
import type { VersionRequest } from './versionInput.js';
import { extractZip, listZip, markToolchainExecutables, MAX_ZIP_BYTES, relativeNames, restoreGoModFiles, zipHash1, ZipError, type ZipFileEntry } from './zip.js';

export interface InstallContext {
  http: Http;
  /** The host platform (GOHOSTOS/GOHOSTARCH): toolchains run where they are installed. */
  goos: string;
  goarch: string;
  goproxy: string;
  gonoproxy: string;
  gosumdb: string;
  env: NodeJS.ProcessEnv;
  /** Where `local` go lives when it already is the wanted version (skips everything). */
  localGo: { binary: string; version: string } | null;
  /** golang.org/toolchain's version list for this platform, fetched once per phase (toolchainLister). */
  toolchainList: () => Promise<ToolchainList>;
  /** For tests of other platforms' install paths; default process.platform. */
  platform?: NodeJS.Platform;
  /** How the installed go is run for its self-check; default runGo (tests of a Windows zip run go.exe through sh). */
  runGo?: typeof runGo;
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

export interface ToolchainList {
  /** Null when no GOPROXY element could list golang.org/toolchain. */
  releases: ToolchainRelease[] | null;
  servedBy: string | null;
  error: string | null;
}

/** The golang.org/toolchain `@v/list` for proxy.golang.org is ~100 kB; a list is refused past this. */
export const TOOLCHAIN_LIST_MAX_BYTES = 4 << 20;

/** A memoised fetch of the toolchain list through GOPROXY (TryProxies rules), parsed for one platform. */
export function toolchainLister(http: Http, goproxy: string, gonoproxy: string, goos: string, goarch: string): () => Promise<ToolchainList> {
  let pending: Promise<ToolchainList> | null = null;
  return () => {
    pending ??= (async (): Promise<ToolchainList> => {
      const listed = await walkProxies(http, goproxy, gonoproxy, TOOLCHAIN_MODULE, 'list', { maxBytes: TOOLCHAIN_LIST_MAX_BYTES });
      if (listed.body === null) return { releases: null, servedBy: null, error: listed.error ?? 'no answer' };
      return { releases: parseToolchainList(listed.body.toString('utf8'), goos, goarch), servedBy: listed.servedBy, error: null };
    })();
    return pending;
  };
}

function exeName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'go.exe' : 'go';
}

function toolCacheAvailable(): boolean {
  return (process.env['RUNNER_TOOL_CACHE'] ?? '') !== '';
}

/** "1.21.0-rc.1" -> "1.21rc1", "1.22.5" -> "1.22.5" (the tool cache's folder names back to Go's). */
export function goVersionFromToolCache(folder: string): string {
  return semverToGoVersion(folder) ?? folder;
}

/** Windows has no execute bit: a file that exists can be run. */
async function isExecutable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    await access(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type ResolvedFrom = 'exact' | 'tool-cache' | 'proxy-list';

export interface Resolution {
  version: string;
  from: ResolvedFrom;
  steps: string[];
  problems: Problem[];
}

/** The newest releases a list has, for messages ("1.25.1, 1.25.0, 1.24.7, ..."). */
function newestText(list: ToolchainList, count = 6): string {
  const releases = list.releases ?? [];
  return releases.length === 0 ? 'none' : newestReleases(releases, count).join(', ') + (releases.length > count ? ', ...' : '');
}

/**
 * The release to install for a go-version spec, in setup-go's order: an exact version as given;
 * a range from the runner's tool cache when one there satisfies it (unless check-latest);
 * stable/oldstable, check-latest and tool-cache misses from the golang.org/toolchain list of
 * GOPROXY for the host platform (spec.ts resolveSpec), else an error naming the newest releases
 * the list has.
 */
export async function resolveRequest(request: VersionRequest, context: InstallContext, options: { checkLatest: boolean }): Promise<Resolution | { error: Problem; steps: string[] }> {
  const { spec } = request;
  const steps: string[] = [];
  const problems: Problem[] = [];
  if (spec.kind === 'exact') return { version: spec.version, from: 'exact', steps, problems };
  const arch = toolCacheArch(context.goarch);
  const fromToolCache = (): string | null => {
    if (spec.kind !== 'range' || !toolCacheAvailable()) return null;
    const found = tc.find('go', spec.range, arch);
    return found === '' ? null : goVersionFromToolCache(path.basename(path.dirname(found)));
  };
  if (spec.kind === 'range' && !options.checkLatest) {
    const cached = fromToolCache();
    if (cached !== null) {
      steps.push(`${spec.text}: newest match in the tool cache is ${cached}`);
      return { version: cached, from: 'tool-cache', steps, problems };
    }
  }
  const list = await context.toolchainList();
  const platform = `${context.goos}/${context.goarch}`;
  const unresolved = (why: string, fix: string): { error: Problem; steps: string[] } => ({
    error: { severity: 'error', code: 'TOOLCHAIN_VERSION_UNRESOLVED', variable: 'go-version', setIn: 'input', message: `Cannot resolve go-version ${spec.text} (${request.source}) to a Go release: ${why}.`, fix },
    steps,
  });
  if (list.releases === null) {
    const cached = options.checkLatest ? fromToolCache() : null;
    if (cached !== null) {
      steps.push(`${spec.text}: GOPROXY could not list golang.org/toolchain, so the newest match in the tool cache (${cached}) is used`);
      problems.push({ severity: 'warning', code: 'TOOLCHAIN_LATEST_UNCHECKED', variable: 'go-version', setIn: 'input', message: `check-latest: GOPROXY could not list golang.org/toolchain (${list.error ?? 'no answer'}), so go-version ${spec.text} was resolved from the tool cache to ${cached}, which may not be the newest release.`, fix: 'Make a GOPROXY entry serve golang.org/toolchain/@v/list (proxy.golang.org does), or pin an exact release.' });
      return { version: cached, from: 'tool-cache', steps, problems };
    }
    return unresolved(`GOPROXY could not list golang.org/toolchain: ${list.error ?? 'no answer'}`, 'Give an exact release such as 1.22.5 (it is fetched without the list), or make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org does).');
  }
  const release = resolveSpec(spec, list.releases);
  if (release === null && options.checkLatest) {
    // setup-go: a check-latest miss falls back to the spec itself, so a tool-cache match still serves.
    const cached = fromToolCache();
    if (cached !== null) {
      steps.push(`${spec.text}: no release in golang.org/toolchain/@v/list from ${list.servedBy ?? 'GOPROXY'} satisfies it; the tool cache has ${cached}`);
      return { version: cached, from: 'tool-cache', steps, problems };
    }
  }
  if (release === null) {
    const what = spec.kind === 'alias' ? `it lists no ${spec.alias === 'stable' ? 'release' : 'earlier release line'}` : `no release satisfies ${spec.range}`;
    // An unquoted 1.20 in YAML is the number 1.2 (setup-go's README warns about it).
    const yaml = /^[0-9]+\.[0-9]$/.test(spec.text) ? ` If you wrote ${spec.text}0 without quotes, YAML read it as the number ${spec.text}: quote it (go-version: '${spec.text}0').` : '';
    return unresolved(`GOPROXY's golang.org/toolchain list (served by ${list.servedBy ?? 'GOPROXY'}) has ${list.releases.length} release(s) for ${platform}, and ${what}; its newest: ${newestText(list)}`, `Ask for a release the list has (e.g. go-version: ${newestReleases(list.releases.filter((r) => r.stable), 1)[0] ?? 'stable'}), or use a GOPROXY that serves newer toolchains.${yaml}`);
  }
  const how = spec.kind === 'alias' ? `${spec.alias} is ${release.go}` : `newest match is ${release.go}`;
  steps.push(`${spec.text}: ${how} in golang.org/toolchain/@v/list from ${list.servedBy ?? 'GOPROXY'} (${list.releases.length} releases for ${platform})`);
  return { version: release.go, from: 'proxy-list', steps, problems };
}

/** Installs Go `version` (e.g. "1.22.5") for the context's platform. Never throws for expected failures. */
export async function installGo(version: string, context: InstallContext): Promise<InstallOutcome> {
  const steps: string[] = [];
  const problems: Problem[] = [];
  const toolchain = `go${version}`;
  const platform = context.platform ?? process.platform;
  const exe = exeName(platform);
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
    if (cached !== '' && (await isExecutable(path.join(cached, 'bin', exe), platform))) {
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
    if (fetched.errorIsNotFound) {
      // Say what the proxy does have, so the fix is one edit away.
      const list = await context.toolchainList();
      const has = list.releases === null ? '' : ` GOPROXY's golang.org/toolchain list has ${list.releases.length} release(s) for ${context.goos}/${context.goarch}; its newest: ${newestText(list)}.`;
      return fail('TOOLCHAIN_DOWNLOAD_FAILED', `Cannot install ${toolchain}: download ${toolchain} for ${context.goos}/${context.goarch}: toolchain not available.${has}`, 'Ask for a release the proxy has (or a range such as 1.22.x, or stable), or make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org and most public mirrors do), or preinstall this Go release in the runner image.');
    }
    return fail('TOOLCHAIN_DOWNLOAD_FAILED', `Cannot install ${toolchain}: download ${toolchain}: ${fetched.error ?? 'no answer'}.`, 'Make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org and most public mirrors do), or preinstall this Go release in the runner image.');
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
      const files = relativeNames(entries, prefix);
      await markToolchainExecutables(staging, files, platform);
      await restoreGoModFiles(staging, files);
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
      return fail('TOOLCHAIN_ZIP_INVALID', `Cannot unpack ${modId}.zip: ${error.message}.`, 'Check the proxy that served it.');
    }
    const stagedGo = path.join(staging, 'bin', exe);
    if (!(await isExecutable(stagedGo, platform))) {
      return fail('TOOLCHAIN_ZIP_INVALID', `${modId}.zip has no bin/${exe}.`, 'Check the proxy that served it.');
    }
    // The go command re-runs itself from the new tree; check that it runs and is what we asked.
    const ran = await (context.runGo ?? runGo)(stagedGo, ['version'], { ...context.env, GOTOOLCHAIN: 'local', GOROOT: '' }, staging, 20_000);
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
