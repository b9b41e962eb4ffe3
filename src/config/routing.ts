// How each required module is fetched and verified under the effective settings, and the
// mismatches between GOPRIVATE/GONOPROXY/GONOSUMDB and what the code actually requires.

import type { Problem } from '../problems.js';
import { PatternList } from '../go/patterns.js';
import { displayValue } from '../report/bounds.js';

export interface RequiredModule {
  path: string;
  version: string;
  goModFile: string;
  line: number;
}

export interface ModuleRoute {
  path: string;
  version: string;
  goModFile: string;
  line: number;
  viaProxy: boolean;
  checkedBySumdb: boolean;
  private: boolean;
}

export interface RoutingSettings {
  GOPRIVATE: string;
  GONOPROXY: string;
  GONOSUMDB: string;
  sumdbOff: boolean;
}

export function routeModules(modules: readonly RequiredModule[], settings: RoutingSettings): ModuleRoute[] {
  const gonoproxy = new PatternList(settings.GONOPROXY);
  const gonosumdb = new PatternList(settings.GONOSUMDB);
  const goprivate = new PatternList(settings.GOPRIVATE);
  return modules.map((module) => ({
    ...module,
    viaProxy: !gonoproxy.matches(module.path),
    checkedBySumdb: !settings.sumdbOff && !gonosumdb.matches(module.path),
    private: goprivate.matches(module.path),
  }));
}

/** Sorted, de-duplicated module paths for the outputs. */
export function uniquePaths(routes: readonly ModuleRoute[], keep: (route: ModuleRoute) => boolean): string[] {
  return [...new Set(routes.filter(keep).map((route) => route.path))].sort();
}

export function lintRouting(routes: readonly ModuleRoute[], settings: RoutingSettings, ownModulePaths: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const gonoproxyShown = displayValue(settings.GONOPROXY);
  const gonosumdbShown = displayValue(settings.GONOSUMDB);
  for (const route of routes) {
    if (route.viaProxy || !route.checkedBySumdb) continue;
    const key = `${route.goModFile}:${route.line}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push({
      severity: 'error',
      code: 'PRIVATE_MODULE_CHECKED_BY_SUMDB',
      variable: 'GONOSUMDB',
      file: route.goModFile,
      line: route.line,
      message: `${displayValue(route.path)} bypasses the proxy (it matches GONOPROXY="${gonoproxyShown}") but is still looked up in the public checksum database (GONOSUMDB="${gonosumdbShown}" does not cover it): the lookup fails with "404/410 Gone" and publishes the private path.`,
      fix: `Add ${displayValue(suggestPattern(route.path))} to GOPRIVATE (which sets both), or to GONOSUMDB.`,
    });
  }
  if (routes.length > 0 || ownModulePaths.length > 0) {
    // Each path is matched once against the prepared list (not every pattern against every path).
    const goprivate = new PatternList(settings.GOPRIVATE);
    const used = new Set<string>();
    for (const path of new Set([...routes.map((route) => route.path), ...ownModulePaths])) for (const pattern of goprivate.matchesOf(path, (glob) => used.has(glob))) used.add(pattern);
    for (const pattern of goprivate.patterns) {
      if (used.has(pattern)) continue;
      problems.push({
        severity: 'notice',
        code: 'GOPRIVATE_UNUSED_PATTERN',
        variable: 'GOPRIVATE',
        message: `The GOPRIVATE pattern "${displayValue(pattern)}" matches no module required by the workspace.`,
        fix: 'Check the pattern for a typo (matching is per path element and case-sensitive), or remove it.',
      });
    }
  }
  return problems;
}

/**
 * Teams usually own an organisation or group under a shared code host (host/org/repo), or a
 * whole host of their own (host/repo): suggest the host plus first element for the former.
 */
function suggestPattern(path: string): string {
  const parts = path.split('/');
  return parts.length >= 3 ? parts.slice(0, 2).join('/') : (parts[0] ?? path);
}
