// Reads the .netrc the go command would use (go-semantics §8): $NETRC, else ~/.netrc
// (~/_netrc on Windows). The probe sends the same credentials, so it sees what go sees.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseNetrc, type NetrcEntry } from './netrc.js';

export function netrcPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  if (env['NETRC']) return env['NETRC'];
  const home = platform === 'win32' ? env['USERPROFILE'] : env['HOME'];
  if (!home) return null;
  return path.join(home, platform === 'win32' ? '_netrc' : '.netrc');
}

export async function readNetrc(env: NodeJS.ProcessEnv): Promise<NetrcEntry[]> {
  const file = netrcPath(env);
  if (file === null) return [];
  try {
    return parseNetrc(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
}
