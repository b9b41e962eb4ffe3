// PATH in environment objects the action copies and hands to children. On Windows environment
// names are case-insensitive and the variable is usually spelt `Path`: a copy of process.env is a
// plain object, so `env['PATH']` misses it, and `{ ...env, PATH: x }` gives the child two keys
// (which one wins is up to the C runtime). Read it case-insensitively there and always write
// exactly one key. On other systems `Path` is just another variable.

import nodePath from 'node:path';

/** The key that holds PATH in `env` (Windows: the first case-insensitive match), or null. */
export function pathKey(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'win32') return Object.prototype.hasOwnProperty.call(env, 'PATH') ? 'PATH' : null;
  if (Object.prototype.hasOwnProperty.call(env, 'PATH')) return 'PATH';
  for (const key of Object.keys(env)) if (key.toUpperCase() === 'PATH') return key;
  return null;
}

/** The PATH value of `env` ('' when unset). */
export function pathValue(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const key = pathKey(env, platform);
  return key === null ? '' : (env[key] ?? '');
}

/** The PATH list separator of a platform. */
export function pathDelimiter(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? nodePath.win32.delimiter : nodePath.posix.delimiter;
}

/** The directories of PATH, empty entries dropped. */
export function pathDirectories(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  return pathValue(env, platform)
    .split(pathDelimiter(platform))
    .filter((dir) => dir !== '');
}

/**
 * A copy of `env` whose PATH is `value`, under one key: the spelling `env` already uses (`Path`
 * on Windows), every other case variant removed.
 */
export function withPath(env: NodeJS.ProcessEnv, value: string, platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv {
  const key = pathKey(env, platform) ?? 'PATH';
  const copy: NodeJS.ProcessEnv = {};
  for (const [name, entry] of Object.entries(env)) {
    if (platform === 'win32' ? name.toUpperCase() === 'PATH' : name === 'PATH') continue;
    copy[name] = entry;
  }
  copy[key] = value;
  return copy;
}

/** A copy of `env` with `dirs` put in front of its PATH (one PATH key). */
export function prependPath(env: NodeJS.ProcessEnv, dirs: readonly string[], platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv {
  const current = pathValue(env, platform);
  return withPath(env, [...dirs.filter((dir) => dir !== ''), ...(current === '' ? [] : [current])].join(pathDelimiter(platform)), platform);
}
