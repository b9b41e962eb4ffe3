// Which file of $GOMODCACHE/cache/download answers a module proxy request. Pure.
//
// The go command stores downloads in exactly the proxy protocol's layout (that is why
// GOPROXY=file://$GOMODCACHE/cache/download works): <escaped path>/@v/list, <escaped
// version>.info, .mod and .zip. Only those four kinds are served; every path and version is
// validated with x/mod's rules first, so a request cannot name any other file.

import { checkModulePath, checkModuleVersion, unescapeModuleString } from '../probe/moduleEscape.js';

export type CacheLookup =
  /** segments: relative to the download directory. */
  | { kind: 'file'; segments: string[]; contentType: string; modulePath: string }
  /** Not something the cache holds (@latest): ask the job's GOPROXY. */
  | { kind: 'fallthrough'; modulePath: string }
  /** /sumdb/<name>/...: passed through to the job's GOPROXY. */
  | { kind: 'sumdb' }
  | { kind: 'invalid'; reason: string };

const CONTENT_TYPES: Record<string, string> = {
  info: 'application/json',
  mod: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  list: 'text/plain; charset=utf-8',
};

export function lookupCacheFile(requestPath: string): CacheLookup {
  if (requestPath === '/sumdb' || requestPath.startsWith('/sumdb/')) return { kind: 'sumdb' };
  let path: string;
  try {
    path = decodeURIComponent(requestPath);
  } catch {
    return { kind: 'invalid', reason: 'malformed percent-escape' };
  }
  const latest = path.endsWith('/@latest');
  const versionsAt = path.indexOf('/@v/');
  const escapedModule = latest ? path.slice(1, -'/@latest'.length) : versionsAt > 0 ? path.slice(1, versionsAt) : null;
  if (escapedModule === null) return { kind: 'invalid', reason: 'not a module proxy request' };
  const modulePath = unescapeModuleString(escapedModule);
  if (modulePath === null) return { kind: 'invalid', reason: 'invalid escaped module path' };
  const pathProblem = checkModulePath(modulePath);
  if (pathProblem !== null) return { kind: 'invalid', reason: `invalid module path: ${pathProblem}` };
  if (latest) return { kind: 'fallthrough', modulePath };

  const file = path.slice(versionsAt + '/@v/'.length);
  const moduleSegments = [...escapedModule.split('/'), '@v'];
  if (file === 'list') return { kind: 'file', segments: [...moduleSegments, 'list'], contentType: CONTENT_TYPES['list']!, modulePath };
  const dot = file.lastIndexOf('.');
  const extension = dot < 0 ? '' : file.slice(dot + 1);
  const contentType = CONTENT_TYPES[extension];
  if (contentType === undefined || extension === 'list') return { kind: 'invalid', reason: 'not a .info, .mod, .zip or list request' };
  const escapedVersion = file.slice(0, dot);
  const version = unescapeModuleString(escapedVersion);
  if (version === null) return { kind: 'invalid', reason: 'invalid escaped version' };
  const versionProblem = checkModuleVersion(version);
  if (versionProblem !== null) return { kind: 'invalid', reason: `invalid version: ${versionProblem}` };
  return { kind: 'file', segments: [...moduleSegments, `${escapedVersion}.${extension}`], contentType, modulePath };
}
