// A checksum-database client for one lookup, verifying what the go command verifies
// (golang.org/x/mod/sumdb/client.go Lookup + checkRecord, cmd/go/internal/modfetch/sumdb.go):
//   GET <db>/lookup/<escaped path>@<escaped version>
//     -> "<id>\n<record text>\n<signed tree note>"            (tlog.ParseRecord)
//   the tree note must carry a valid signature by the GOSUMDB key  (note.Open)
//   the record must be leaf <id> of that tree, proven from tiles    (tlog.TileHashReader)
//   GET <db>/tile/8/<L>/<N>[.p/<W>]
// and where the database traffic goes (explicit URL, a proxy's /sumdb/<name>/, or direct), as
// planned by src/go/gosumdb.ts planSumdbRoute.
// Unlike the go command there is no on-disk cache of the latest tree, so no consistency proof
// against an earlier tree head: each lookup is verified against the tree it comes with.

import { planSumdbRoute, type GosumdbConfig, type SumdbRoute, type SupportedOutcome } from '../go/gosumdb.js';
import { parseProxyList } from '../go/proxyList.js';
import { escapeModulePath, escapeModuleVersion } from '../probe/moduleEscape.js';
import { redactUrl } from '../probe/classify.js';
import type { Http } from './download.js';
import { NoteError, openNote, parseVerifier, type Verifier } from './note.js';
import { parseRecord, parseTree, recordHash, TlogError, verifyInclusion } from './tlog.js';

export class SumdbError extends Error {
  override name = 'SumdbError';
}

/** Joins a base URL (possibly with a path) and a relative path, one '/' between them. */
function join(base: string, rel: string): string {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, '') + '/' + rel;
  return url.href;
}

export interface VerifiedLookup {
  /** The record's lines for path+version ("<path> <version> h1:..." and ".../go.mod h1:..."). */
  lines: string[];
  treeSize: number;
  recordId: number;
  tilesRead: number;
}

/**
 * Looks `path@version` up in the database at `baseUrl` and verifies signature and inclusion.
 * Throws SumdbError with a message in the go command's words where there are some.
 */
export async function lookupVerified(http: Http, baseUrl: string, verifierKey: string, modulePath: string, version: string): Promise<VerifiedLookup> {
  let verifier: Verifier;
  try {
    verifier = parseVerifier(verifierKey);
  } catch (error) {
    throw new SumdbError(`invalid GOSUMDB: ${(error as Error).message}`);
  }
  const lookupUrl = join(baseUrl, `lookup/${escapeModulePath(modulePath)}@${escapeModuleVersion(version)}`);
  const answer = await http.get(lookupUrl, { maxBytes: 1 << 20 });
  if (answer.kind !== 'ok') throw new SumdbError(answer.kind === 'status' ? answer.message : answer.message);
  const record = parseRecord(answer.body);
  if (record === null) throw new SumdbError(`${redactUrl(lookupUrl)}: malformed record data`);
  let treeText: string;
  try {
    treeText = openNote(record.rest, verifier);
  } catch (error) {
    if (error instanceof NoteError) throw new SumdbError(`${redactUrl(lookupUrl)}: verifying tree note: ${error.message}`);
    throw error;
  }
  const tree = parseTree(treeText);
  if (tree === null) throw new SumdbError(`${redactUrl(lookupUrl)}: malformed tree note`);
  let tilesRead = 0;
  try {
    await verifyInclusion(tree, record.id, recordHash(record.text), async (tilePath) => {
      tilesRead++;
      const tile = await http.get(join(baseUrl, tilePath), { maxBytes: 256 * 32 });
      if (tile.kind !== 'ok') throw new SumdbError(tile.message);
      return tile.body;
    });
  } catch (error) {
    if (error instanceof TlogError) throw new SumdbError(`${modulePath}@${version}: ${error.message}`);
    throw error;
  }
  const prefix = `${modulePath} ${version} `;
  const lines = record.text.toString('utf8').split('\n').filter((line) => line.startsWith(prefix));
  return { lines, treeSize: tree.size, recordId: record.id, tilesRead };
}

/**
 * dbClient.initBase: where the database traffic goes. Proxies are asked
 * `<proxy>/sumdb/<name>/supported` lazily, in list order, only as far as the walk goes.
 */
export async function resolveSumdbRoute(http: Http, config: GosumdbConfig, goproxy: string, gonoproxy: string): Promise<SumdbRoute> {
  const list = parseProxyList(goproxy, gonoproxy);
  if (!list.ok) return { via: 'fails', baseUrl: null, proxiesAsked: [], reason: `GOPROXY is invalid: ${list.error}` };
  if (config.kind === 'off') return planSumdbRoute(config, list, () => 'not-found');
  const known = new Map<string, SupportedOutcome>();
  // planSumdbRoute is synchronous: replay it, fetching the first unknown answer each round.
  for (let round = 0; round <= list.entries.length + 1; round++) {
    let missing: string | null = null;
    const route = planSumdbRoute(config, list, (proxyUrl) => {
      const outcome = known.get(proxyUrl);
      if (outcome !== undefined) return outcome;
      missing ??= proxyUrl;
      return 'error';
    });
    if (missing === null) return route;
    const proxyUrl: string = missing;
    const answer = await http.get(join(proxyUrl, `sumdb/${config.name}/supported`), { maxBytes: 4096, statusOnly: true });
    known.set(proxyUrl, answer.kind === 'ok' ? 'ok' : answer.notFound ? 'not-found' : 'error');
  }
  throw new Error('internal error: sumdb route did not settle');
}
