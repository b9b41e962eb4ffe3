// The main step: configure → validate → report. Every expected failure becomes a clear message
// (never a stack trace); problems fail the step according to `fail-on`.

import * as core from '@actions/core';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectSettings, CONFIGURED_VARIABLES, EnvFileError, type CollectedSettings, type ConfiguredVariable } from './config/collect.js';
import { InputError } from './config/inputValues.js';
import { checkInputLimits } from './config/inputLimits.js';
import { displayText, displayValue } from './report/bounds.js';
import { INPUT_FOR_VARIABLE, readInputs, type ActionInputs } from './config/readInputs.js';
import { lintGoproxy } from './config/lintProxy.js';
import { lintPatternList, PATTERN_VARIABLES } from './config/lintPatterns.js';
import { lintBlankPatternValue, lintEmptyOverrides, lintGoauth, lintGoEnvironmentQuirks, lintGoflags, lintGosumdb } from './config/lintOther.js';
import { lintRouting, routeModules, uniquePaths, type ModuleRoute } from './config/routing.js';
import { describeSource } from './report/sources.js';
import { discoverWorkspace, requiredModules, type Workspace } from './workspace/discover.js';
import { resolveInWorkspace } from './workspace/repoFile.js';
import { locateWorkflowFile, type StepHint } from './report/workflowLocate.js';
import { locateProblem, type LocateContext } from './report/locate.js';
import { emitAnnotations } from './report/annotations.js';
import { renderSummary, type SummarySection, type VariableRow } from './report/summary.js';
import { runToolchainPhase, type ToolchainResult } from './toolchain/phase.js';
import type { CacheMainResult } from './cache/modules/phase.js';
import { DEFAULT_KEY_PREFIX } from './cache/modules/key.js';
import { readBuildCacheInputs, type BuildCacheInputs } from './build-cache/inputs.js';
import type { BuildCacheMainResult } from './build-cache/phase.js';
import { readBuildEnv } from './build-cache/goEnv.js';
import { goVersionLines, toolchainPlatform } from './toolchain/context.js';
import { readToolchainInputs } from './toolchain/inputs.js';
import { PROBLEM_MATCHER_STATE_KEY, registerGoProblemMatchers } from './problem-matcher/register.js';
import { prependPath } from './go/envPath.js';
import { capProblems, problemForOutput, severityAtLeast, sortProblems, type Problem, type Severity } from './problems.js';
import { redactProblem } from './report/redactProblem.js';
import { proxyListSecrets, redactForDisplay, redactProxyList } from './go/redact.js';
import { parseProxyList } from './go/proxyList.js';
import type { NetrcEntry } from './go/netrc.js';
import { checkPrivateModules, setUpCredentials, type CredentialOptions } from './credentials/phase.js';
import type { GosumdbParse } from './go/gosumdb.js';
import { probeResultsOutput, probeSummaryBody } from './probe/report.js';
import { parseLocalProxyInputs, pemSecretLines, type LocalProxyInputs } from './localproxy/inputs.js';
import type { LocalProxyContext } from './localproxy/phase.js';
import { localProxySummary, noLocalProxy, type LocalProxyStart } from './localproxy/result.js';
import { loopbackRouteOf } from './localproxy/routeView.js';
import { routeSection, type RouteFacts } from './report/routeModel.js';
import { writeContainerOutputs } from './container/phase.js';

/** Exported when the post step must run even after a failed step (clean-up, save: always). */
export const POST_ALWAYS_ENV = 'SETUP_GOPROXY_POST_ALWAYS';

export const EXPORTED_ALWAYS: readonly ConfiguredVariable[] = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB'];

export async function runMain(): Promise<void> {
  try {
    // Before anything parses them: every input (and the job env's Go variables) within its limits.
    checkInputLimits(process.env);
    registerSecrets(process.env);
    const inputs = readInputs();
    await configure(inputs);
  } catch (error) {
    if (error instanceof InputError || error instanceof EnvFileError || error instanceof UsageError) {
      core.setFailed(error.message);
      return;
    }
    // A bug, not a configuration problem: say so, and keep the stack for debug logs only.
    if (error instanceof Error && error.stack !== undefined) core.debug(redactForDisplay(error.stack));
    core.setFailed(`setup-goproxy failed unexpectedly: ${displayText(error instanceof Error ? error.message : String(error))}. This is a bug in the action, not in your configuration: please report it with this log (re-run with debug logging for the stack trace), and set probe: false / cache: false to work around the failing part meanwhile.`);
  }
}

export class UsageError extends Error {}

/** Masks every credential found in a URL of the job's Go variables and inputs before any output. */
function registerSecrets(env: NodeJS.ProcessEnv): void {
  const inputs = [...Object.values(INPUT_FOR_VARIABLE), 'fallback-proxies'];
  const texts = [...CONFIGURED_VARIABLES.map((name) => env[name] ?? ''), ...inputs.map((input) => env[`INPUT_${input.toUpperCase()}`] ?? '')];
  // Any of them may be a proxy list with scheme-less "user:token@host" entries.
  for (const text of texts) for (const secret of proxyListSecrets(text)) core.setSecret(secret);
}

async function configure(inputs: ActionInputs): Promise<void> {
  const buildCacheInputs = readBuildCacheInputs();
  const toolchainInputs = readToolchainInputs();
  const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();
  const workingDirectory = path.resolve(workspace, inputs.workingDirectory);
  // Through its symbolic links too: an absolute path or a link out of the checkout is refused.
  const resolvedDirectory = await resolveInWorkspace(workspace, workingDirectory);
  if (!resolvedDirectory.ok || !(await isDirectory(resolvedDirectory.real))) {
    throw new UsageError(`Input 'working-directory' names '${displayValue(inputs.workingDirectory)}', which is not a directory under the workspace${resolvedDirectory.ok ? '' : ` (${resolvedDirectory.detail})`}. Give the directory that holds go.mod or go.work, relative to the repository root.`);
  }

  if (inputs.goauth !== '') {
    // Every later phase (and every later step) runs go with the GOAUTH asked for.
    process.env['GOAUTH'] = inputs.goauth;
    core.exportVariable('GOAUTH', inputs.goauth);
  }
  const proxyInputs = readLocalProxyInputs();
  const settings = await collectSettings({ inputs: inputs.variables, env: process.env, workspace, workingDirectory, envFilePath: inputs.envFile });
  for (const resolved of Object.values(settings.effective)) for (const secret of proxyListSecrets(resolved.value)) core.setSecret(secret);
  const value = (name: ConfiguredVariable): string => settings.effective[name].value;

  const workspaceInfo = await discoverWorkspace(workingDirectory, workspace, { goworkEnv: process.env['GOWORK'] ?? '' });
  const { sumdbLint, routes, problems: analysed } = analyseConfiguration(settings, workspaceInfo);
  // GOAUTH problems point at the goauth input when the action set it.
  const problems = analysed.map((problem) => (problem.variable === 'GOAUTH' && inputs.goauth !== '' ? { ...problem, setIn: 'input' as const } : problem));
  const credentialOptions: CredentialOptions = {
    gitToken: inputs.gitToken,
    gitTokenHosts: inputs.gitTokenHosts,
    netrc: inputs.netrc,
    goproxy: value('GOPROXY'),
    goprivate: value('GOPRIVATE'),
    gonoproxy: value('GONOPROXY'),
    goVersion: settings.go?.version ?? null,
    env: process.env,
    required: routes.map((route) => ({ path: route.path, version: route.version, goModFile: route.goModFile, line: route.line, viaProxy: route.viaProxy })),
    checkTimeoutMs: inputs.probeTimeoutSeconds * 1000,
  };
  // The clean-up state is saved before each change, so even a main step that fails half-way gets
  // its post step (post-if in action.yml reads POST_ALWAYS_ENV).
  const credentials = await setUpCredentials({ ...credentialOptions, onState: saveCleanupState });
  problems.push(...credentials.problems);
  // Reaching private repositories is part of probing: `probe: false` promises no network checks.
  if (inputs.probe) problems.push(...(await checkPrivateModules(credentialOptions)));

  // The mTLS bridge comes before the probe: the probe, the toolchain and the pre-warm go through it.
  const proxyContext = localProxyContext(proxyInputs.inputs, [credentials.goproxy, inputs.fallbacks.map((entry) => entry.url).join(',')], credentials.netrcEntries);
  // Loaded only when wanted: most jobs never start the loopback proxy.
  const localProxyPhase = proxyInputs.inputs.clientCertificate !== null || proxyInputs.inputs.serveModules ? await import('./localproxy/phase.js') : null;
  let localProxy = applyLocalProxy(localProxyPhase === null ? noLocalProxy(credentials.goproxy) : await localProxyPhase.startBridge(proxyContext, credentials.goproxy, value('GONOPROXY')));
  problems.push(...proxyInputs.problems, ...localProxy.problems);

  const probe = await probePhase(inputs, settings, localProxy.goproxy, sumdbLint.parse, routes, credentials.netrcEntries);
  problems.push(...probe.problems);

  const toolchain = await runToolchainPhase({
    goVersion: inputs.goVersion,
    goVersionFile: inputs.goVersionFile,
    workspace,
    workingDirectory,
    localGo: settings.go === null ? null : { binary: settings.go.binary, version: settings.go.version.replace(/^go/, '') },
    // Toolchains are for the host: GOHOSTOS/GOHOSTARCH, never a cross-compiling job's GOOS/GOARCH.
    ...toolchainPlatform(settings.go),
    checkLatest: toolchainInputs.checkLatest,
    env: { ...process.env, ...effectiveValues(settings), GOPROXY: probe.goproxy },
    goproxy: probe.goproxy,
    gosumdb: value('GOSUMDB'),
    gonosumdb: value('GONOSUMDB'),
    goModLines: goVersionLines(workspaceInfo),
    budgetMs: inputs.probeTimeoutSeconds * 1000,
  });
  problems.push(...toolchain.problems);

  const workflow = await locateWorkflowFile(process.env);
  const locateContext: LocateContext = {
    sources: Object.fromEntries(CONFIGURED_VARIABLES.map((name) => [name, settings.effective[name].source])),
    envFile: settings.envFile,
    workflow,
    hint: stepHint(process.env),
    inputFor: INPUT_FOR_VARIABLE,
  };
  const located = sortProblems(problems.map((problem) => locateProblem(problem, locateContext)));

  const exported = { ...effectiveValues(settings), GOPROXY: probe.goproxy };
  exportVariables(exported, inputs);
  for (const [name, envValue] of Object.entries(toolchain.exportEnv)) core.exportVariable(name, envValue);
  if (toolchain.addPath !== null) core.addPath(toolchain.addPath);
  const container = await writeContainerOutputs({
    values: exported,
    netrcEntries: credentials.managedNetrcEntries,
    env: process.env,
    beforeWrite: (state, holdsSecrets) => {
      for (const [key, stateValue] of Object.entries(state)) core.saveState(key, stateValue);
      if (holdsSecrets) core.exportVariable(POST_ALWAYS_ENV, 'true');
    },
  });
  core.setOutput('env-file', container.envFile);
  core.setOutput('build-args', container.buildArgs);
  core.setOutput('netrc-file', container.netrcFile);
  core.setOutput('go-version', toolchain.goVersion ?? '');
  core.setOutput('go-path', toolchain.goPath ?? '');

  // Pre-warm last: it runs go with everything above applied, and it changes the process's cwd
  // while @actions/cache works, so nothing cwd-relative may run beside it.
  const cacheContext: CacheContext = {
    workspace,
    workingDirectory,
    exported,
    toolchain,
    goBinary: toolchain.goPath ?? settings.go?.binary ?? null,
    // GOMODCACHE depends on GOPATH, not on anything this action sets: reuse the first answer
    // unless another go was installed meanwhile.
    gomodcache: toolchain.addPath === null && settings.go !== null && settings.go.gomodcache !== '' ? settings.go.gomodcache : undefined,
    alternatives: probe.alternatives,
    configErrors: located.some((problem) => problem.severity === 'error') && inputs.failOn !== 'never',
    workspaceInfo,
  };
  // The build cache's go env runs while the module cache restores: it only reads settings.
  const buildEnv = buildCacheInputs.enabled && !cacheContext.configErrors && cacheContext.goBinary !== null ? readBuildEnv(cacheContext.goBinary, cacheEnv(cacheContext), workingDirectory) : undefined;
  const cache = await cachePhase(inputs, cacheContext);
  for (const [key, stateValue] of Object.entries(cache.state)) core.saveState(key, stateValue);
  if (inputs.cache && inputs.save === 'always') core.exportVariable(POST_ALWAYS_ENV, 'true');
  const buildCache = await buildCachePhase(inputs, buildCacheInputs, { ...cacheContext, gomodcachePreexisting: cache.gomodcachePreexisting, buildEnv });
  for (const [key, stateValue] of Object.entries(buildCache.state)) core.saveState(key, stateValue);
  if (buildCache.postAlways) core.exportVariable(POST_ALWAYS_ENV, 'true');
  core.setOutput('build-cache-hit', buildCache.hit);
  core.setOutput('build-cache-key', buildCache.key ?? '');
  core.setOutput('build-cache-matched-key', buildCache.matchedKey ?? '');
  core.setOutput('gocache', buildCache.gocache ?? '');
  // serve-modules: the warm cache, served by the same loopback proxy after the pre-warm.
  const bridgeProblems = localProxy.problems.length;
  if (localProxyPhase !== null) localProxy = applyLocalProxy(await localProxyPhase.startServing(proxyContext, localProxy, { gomodcache: cache.gomodcache ?? settings.go?.gomodcache ?? '', fallback: exported.GOPROXY, gonoproxy: value('GONOPROXY') }));
  core.setOutput('module-proxy', localProxy.result.moduleProxy);
  // Last line of defence: messages quoting go's or git's output may carry a URL with userinfo.
  // Bounded too: at most a few of each kind, each message an excerpt, whatever the input held.
  const allProblems = capProblems(sortProblems([...located, ...[...container.problems, ...cache.problems, ...buildCache.problems, ...localProxy.problems.slice(bridgeProblems)].map((problem) => locateProblem(problem, locateContext))]).map(redactProblem));
  core.setOutput('cache-hit', cache.hit);
  core.setOutput('cache-key', cache.key ?? '');
  core.setOutput('cache-matched-key', cache.matchedKey ?? '');
  core.setOutput('gomodcache', cache.gomodcache ?? '');
  core.setOutput('modules-downloaded', String(cache.modulesDownloaded));
  setOutputs(exported, routes, allProblems, probe);
  emitAnnotations(allProblems);
  const loopback = loopbackRouteOf(localProxy.result, probe.goproxy, value('GONOPROXY'));
  const route = routeSection({ goproxy: probe.goproxy, gonoproxy: value('GONOPROXY'), gonosumdb: value('GONOSUMDB'), gosumdb: sumdbLint.parse.ok ? sumdbLint.parse.config : null, probe: probe.route, ...(loopback === undefined ? {} : { loopback }) });
  await writeSummary(settings, exported, routes, allProblems, [
    route,
    ...(probe.summaryBody === null ? [] : [{ heading: 'Proxy probe', body: probe.summaryBody }]),
    ...(credentials.summaryBody.trim() === '' ? [] : [{ heading: 'Credentials', body: credentials.summaryBody }]),
    ...(toolchain.summaryBody === '' ? [] : [{ heading: 'Go toolchain', body: toolchain.summaryBody }]),
    ...(cache.summaryBody.trim() === '' ? [] : [{ heading: 'Module cache', body: cache.summaryBody }]),
    ...(buildCache.summaryBody.trim() === '' ? [] : [{ heading: 'Build cache', body: buildCache.summaryBody }]),
    ...(localProxy.result.url === null ? [] : [{ heading: 'Loopback proxy', body: localProxySummary(localProxy.result) }]),
  ]);
  // Last, so nothing this step logged is matched; the post step removes what the state names.
  if (toolchainInputs.problemMatcher) core.saveState(PROBLEM_MATCHER_STATE_KEY, (await registerGoProblemMatchers()).state);
  failIfNeeded(allProblems, inputs.failOn);
}

/** client-certificate, client-key (masked before anything is printed), client-certificate-proxies, serve-modules. */
function readLocalProxyInputs(): { inputs: LocalProxyInputs; problems: Problem[] } {
  const clientKey = core.getInput('client-key');
  for (const line of pemSecretLines(clientKey)) if (line !== '') core.setSecret(line);
  return parseLocalProxyInputs({
    clientCertificate: core.getInput('client-certificate'),
    clientKey,
    clientCertificateProxies: core.getInput('client-certificate-proxies'),
    serveModules: core.getInput('serve-modules'),
  });
}

function localProxyContext(inputs: LocalProxyInputs, proxyLists: string[], netrc: readonly NetrcEntry[]): LocalProxyContext {
  // dist/proxy.js beside the running dist/main.js.
  const script = path.join(path.dirname(process.argv[1] ?? ''), 'proxy.js');
  return { inputs, proxyLists, netrc, env: process.env, runnerTemp: process.env['RUNNER_TEMP'] || tmpdir(), command: { file: process.execPath, args: [script] }, platform: process.platform };
}

/** The post step must stop a running proxy, also after a failed step. */
function applyLocalProxy(start: LocalProxyStart): LocalProxyStart {
  for (const secret of start.secrets) core.setSecret(secret);
  for (const [key, stateValue] of Object.entries(start.state)) core.saveState(key, stateValue);
  if (start.running !== null) core.exportVariable(POST_ALWAYS_ENV, 'true');
  return start;
}

function saveCleanupState(state: Record<string, string>): void {
  for (const [key, stateValue] of Object.entries(state)) core.saveState(key, stateValue);
  core.exportVariable(POST_ALWAYS_ENV, 'true');
}

/** The pure part of the configure phase: every lint, and how each required module is routed. */
function analyseConfiguration(settings: CollectedSettings, workspaceInfo: Workspace) {
  const value = (name: ConfiguredVariable): string => settings.effective[name].value;
  const proxyLint = lintGoproxy({ goproxy: value('GOPROXY'), gonoproxy: value('GONOPROXY'), goprivate: value('GOPRIVATE') });
  const sumdbLint = lintGosumdb(value('GOSUMDB'));
  const sumdbOff = sumdbLint.parse.ok && sumdbLint.parse.config.kind === 'off';
  const routes = routeModules(
    // A `replace` by another module means go downloads that one instead: route the replacement.
    requiredModules(workspaceInfo).map((module) => ({
      path: module.replacement?.path ?? module.path,
      version: module.replacement?.version ?? module.version,
      goModFile: module.goModFile,
      line: module.line,
    })),
    { GOPRIVATE: value('GOPRIVATE'), GONOPROXY: value('GONOPROXY'), GONOSUMDB: value('GONOSUMDB'), sumdbOff },
  );
  const ownModulePaths = workspaceInfo.modules.flatMap((module) => (module.file.module === null ? [] : [module.file.module.path]));

  const problems: Problem[] = [
    ...goDiscoveryProblems(settings),
    ...proxyLint.problems,
    ...sumdbLint.problems,
    // A list derived from GOPRIVATE is GOPRIVATE's text: lint it once, where it was written.
    ...PATTERN_VARIABLES.filter((variable) => settings.effective[variable].source !== 'from-GOPRIVATE').flatMap((variable) => [...lintPatternList(variable, value(variable)), ...lintBlankPatternValue(variable, value(variable))]),
    ...lintGoEnvironmentQuirks(process.env, settings.go?.version ?? null),
    ...lintGoauth(process.env['GOAUTH'] ?? ''),
    ...lintGoflags(value('GOFLAGS')),
    ...lintEmptyOverrides(settings.emptySettings, Object.fromEntries(CONFIGURED_VARIABLES.map((name) => [name, value(name)]))),
    ...lintRouting(routes, { GOPRIVATE: value('GOPRIVATE'), GONOPROXY: value('GONOPROXY'), GONOSUMDB: value('GONOSUMDB'), sumdbOff }, ownModulePaths),
    ...workspaceInfo.issues.map((issue): Problem => ({
      severity: 'warning',
      code: 'WORKSPACE_FILE_PROBLEM',
      message: issue.message,
      fix: 'Run `go mod tidy` (or fix the go.work `use` list) so the go command can read the workspace.',
      ...(issue.file ? { file: issue.file } : {}),
      ...(issue.line ? { line: issue.line } : {}),
    })),
  ];

  return { sumdbLint, routes, problems };
}

interface ProbeOutcome {
  goproxy: string;
  problems: Problem[];
  changed: boolean;
  resultsJson: string;
  summaryBody: string | null;
  /** Healthy GOPROXY values for download retries after a network error. */
  alternatives: string[];
  /** What the route picture shows of the probe; null when it did not run. */
  route: RouteFacts['probe'];
}

/** `goproxy` is the effective GOPROXY after the credentials phase moved any userinfo to .netrc. */
async function probePhase(inputs: ActionInputs, settings: CollectedSettings, goproxy: string, sumdbParse: GosumdbParse, routes: ModuleRoute[], netrc: NetrcEntry[]): Promise<ProbeOutcome> {
  const skipped: ProbeOutcome = { goproxy, problems: [], changed: false, resultsJson: '[]', summaryBody: null, alternatives: [], route: null };
  if (!inputs.probe) return { ...skipped, summaryBody: '> Probing is off (`probe: false`).\n' };
  const proxyParse = parseProxyList(goproxy, settings.effective.GONOPROXY.value);
  // An invalid GOPROXY is already an error; the go command would not contact anything either.
  if (!proxyParse.ok) return { ...skipped, summaryBody: '> Not probed: GOPROXY is invalid (see Problems).\n' };
  // Loaded when it runs (as the cache phase below): a step with `probe: false` never compiles it.
  const { runProbePhase } = await import('./probe/phase.js');
  const phase = await runProbePhase({
    goproxy,
    parse: proxyParse,
    fallbacks: inputs.fallbacks,
    gonoproxy: settings.effective.GONOPROXY.value,
    goprivate: settings.effective.GOPRIVATE.value,
    sumdb: sumdbParse.ok ? sumdbParse.config : null,
    onUnreachable: inputs.onUnreachable,
    budgetMs: inputs.probeTimeoutSeconds * 1000,
    env: process.env,
    routes,
    netrc,
  });
  return {
    goproxy: phase.decision.goproxy,
    problems: phase.problems,
    changed: phase.decision.changed,
    resultsJson: JSON.stringify(probeResultsOutput(phase.results, phase.sumdb)),
    summaryBody: probeSummaryBody(goproxy, phase.results, phase.decision, phase.sumdb),
    alternatives: phase.alternatives,
    route: { results: phase.results, sumdb: phase.sumdb, removed: phase.decision.removed },
  };
}

function effectiveValues(settings: CollectedSettings): Record<ConfiguredVariable, string> {
  return Object.fromEntries(CONFIGURED_VARIABLES.map((name) => [name, settings.effective[name].value])) as Record<ConfiguredVariable, string>;
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

function goDiscoveryProblems(settings: CollectedSettings): Problem[] {
  if (settings.goProblem !== null) {
    return [{ severity: 'warning', code: 'GO_ENV_FAILED', message: `${settings.goProblem}; values were resolved without the go env file and $GOROOT/go.env.`, fix: 'Check the go installation on PATH (run `go env` in a step before this one).' }];
  }
  if (settings.go === null) {
    return [{ severity: 'notice', code: 'GO_NOT_FOUND', message: "No go binary on PATH: defaults are Go's built-in ones (GOPROXY=https://proxy.golang.org,direct, GOSUMDB=sum.golang.org); no `go env -w` file was read.", fix: 'Run actions/setup-go (with cache: false) before this action if later steps install Go, so the values are checked against that Go.' }];
  }
  return [];
}

function stepHint(env: NodeJS.ProcessEnv): StepHint {
  const action = env['GITHUB_ACTION'] ?? '';
  const actionRepository = env['GITHUB_ACTION_REPOSITORY'] ?? '';
  return {
    ...(env['GITHUB_JOB'] ? { job: env['GITHUB_JOB'] } : {}),
    ...(action !== '' && !action.startsWith('__') ? { stepId: action } : {}),
    actionRefSubstrings: ['setup-goproxy', './', ...(actionRepository === '' ? [] : [actionRepository])],
  };
}

function exportVariables(exported: Record<ConfiguredVariable, string>, inputs: ActionInputs): void {
  for (const name of CONFIGURED_VARIABLES) {
    const given = inputs.variables[name] !== undefined;
    if (EXPORTED_ALWAYS.includes(name) || given) core.exportVariable(name, exported[name]);
  }
}

function setOutputs(exported: Record<ConfiguredVariable, string>, routes: readonly ModuleRoute[], problems: readonly Problem[], probe: ProbeOutcome): void {
  // Outputs travel to other steps and jobs in clear text: credentials stay only in the exported env.
  for (const name of EXPORTED_ALWAYS) core.setOutput(name.toLowerCase(), redactProxyList(exported[name]));
  core.setOutput('private-modules', JSON.stringify(uniquePaths(routes, (route) => !route.viaProxy)));
  core.setOutput('nosumdb-modules', JSON.stringify(uniquePaths(routes, (route) => !route.checkedBySumdb)));
  core.setOutput('problems', JSON.stringify(problems.map(problemForOutput)));
  core.setOutput('probe-results', probe.resultsJson);
  core.setOutput('proxy-changed', String(probe.changed));
}

function variableStatus(name: string, problems: readonly Problem[]): VariableRow['status'] {
  const mine = problems.filter((problem) => problem.variable === name);
  for (const severity of ['error', 'warning', 'notice'] as const) if (mine.some((problem) => problem.severity === severity)) return severity;
  return 'ok';
}

async function writeSummary(settings: CollectedSettings, exported: Record<ConfiguredVariable, string>, routes: ModuleRoute[], problems: Problem[], sections: SummarySection[]): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  const goDescription = settings.go === null ? 'No go binary on PATH.' : `${settings.go.version} at ${settings.go.binary}.`;
  const text = renderSummary({
    title: 'setup-goproxy',
    goDescription,
    variables: CONFIGURED_VARIABLES.map((name) => ({
      name,
      value: redactProxyList(settings.effective[name].value),
      exported: redactProxyList(exported[name]),
      source: describeSource(settings.effective[name].source, name, settings),
      status: variableStatus(name, problems),
    })),
    problems,
    modules: routes,
    sections,
  });
  // Sections come from several phases; no URL credentials may reach the summary whatever they quote.
  await core.summary.addRaw(redactForDisplay(text)).write();
}

function failIfNeeded(problems: readonly Problem[], failOn: ActionInputs['failOn']): void {
  if (failOn === 'never') return;
  const threshold: Severity = failOn;
  const failing = problems.filter((problem) => severityAtLeast(problem.severity, threshold));
  if (failing.length === 0) return;
  const first = failing[0];
  core.setFailed(`${failing.length} problem(s) at or above '${threshold}' (fail-on: ${failOn}). First: ${first?.code}: ${first?.message}`);
}

interface CacheContext {
  workspace: string;
  workingDirectory: string;
  exported: Record<ConfiguredVariable, string>;
  toolchain: ToolchainResult;
  goBinary: string | null;
  gomodcache: string | undefined;
  alternatives: string[];
  /** Errors already fail this step: downloading would only wait on a broken configuration. */
  configErrors: boolean;
  workspaceInfo: Workspace;
}

async function cachePhase(inputs: ActionInputs, context: CacheContext): Promise<CacheMainResult> {
  const skipped = (summaryBody: string): CacheMainResult => ({ hit: 'false', key: null, matchedKey: null, gomodcache: null, gomodcachePreexisting: false, modulesDownloaded: 0, failures: [], problems: [], summaryBody, state: {} });
  if (!inputs.cache && !inputs.download) return skipped('> Off (`cache: false`, `download: false`).\n');
  if (context.configErrors) return skipped('> Skipped: the configuration errors above fail this step, so modules were not downloaded or cached.\n');
  // Loaded when it runs: a step with cache: false and download: false never compiles it.
  const { runModuleCacheMain } = await import('./cache/modules/phase.js');
  return runModuleCacheMain({
    enabled: inputs.cache,
    dependencyPath: inputs.cacheDependencyPath,
    keyPrefix: inputs.cacheKeyPrefix || DEFAULT_KEY_PREFIX,
    download: inputs.download,
    save: inputs.save,
    crossOs: inputs.crossOs,
    retries: inputs.retries,
    verify: inputs.verify,
    workingDirectory: context.workingDirectory,
    workspace: context.workspace,
    goBinary: context.goBinary,
    ...(context.gomodcache === undefined ? {} : { gomodcache: context.gomodcache }),
    env: cacheEnv(context),
    // Discovered once, at the start of the step.
    workspaceInfo: context.workspaceInfo,
    healthyProxies: context.alternatives,
  });
}

/** The env the cache phases run go with: the job's, with everything this step exports applied. */
function cacheEnv(context: CacheContext): NodeJS.ProcessEnv {
  const pathDirs = context.toolchain.addPath === null ? [] : [context.toolchain.addPath];
  // One PATH key for the children (Windows spells it Path in process.env's copies).
  return prependPath({ ...process.env, ...context.exported, ...context.toolchain.exportEnv }, pathDirs);
}

async function buildCachePhase(inputs: ActionInputs, buildInputs: BuildCacheInputs, context: CacheContext & { gomodcachePreexisting: boolean; buildEnv: ReturnType<typeof readBuildEnv> | undefined }): Promise<BuildCacheMainResult> {
  const skipped = (summaryBody: string): BuildCacheMainResult => ({ hit: 'false', key: null, matchedKey: null, gocache: null, problems: [], summaryBody, state: {}, postAlways: false });
  if (!buildInputs.enabled) return skipped('> Off (`build-cache: false`).\n');
  if (context.configErrors) return skipped('> Skipped: the configuration errors above fail this step.\n');
  const { runBuildCacheMain } = await import('./build-cache/phase.js');
  return runBuildCacheMain({
    inputs: buildInputs,
    keyPrefix: inputs.cacheKeyPrefix,
    goBinary: context.goBinary,
    env: cacheEnv(context),
    workingDirectory: context.workingDirectory,
    gomodcachePreexisting: context.gomodcachePreexisting,
    ...(context.buildEnv === undefined ? {} : { buildEnv: context.buildEnv }),
  });
}
