// How the consumers of the container outputs read them, for tests on a machine without a docker
// engine:
//   * docker's env-file reader (docker/cli pkg/kvfile parseKeyValueFile, used by `docker run
//     --env-file`), ported line for line: bufio.Scanner lines (a trailing \r dropped, 64 KiB max),
//     UTF-8 check, BOM trim on line 1, leading unicode.IsSpace trimmed, '#' and empty lines
//     skipped, KEY without spaces or tabs, value as written except matching surrounding quotes;
//   * docker/build-push-action's `build-args` (docker/actions-toolkit Util.getInputList with
//     ignoreComma: @actions/core's getInput trim, then csv-parse with the same options, records
//     re-joined with ',', empty items dropped, each item trimmed).
import { parse } from 'csv-parse/sync';

const MAX_SCAN_TOKEN = 64 * 1024;

/** unicode.IsSpace. */
function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

function trimQuotes(value: string): string {
  if (value.length < 2) return value;
  for (const quote of ["'", '"']) if (value.startsWith(quote) && value.endsWith(quote)) return value.slice(1, -1);
  return value;
}

/** docker's result: "KEY=VALUE" strings in file order; throws docker's errors. */
export function parseDockerEnvFile(bytes: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  const raw: Buffer[] = [];
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const last = end < 0;
    if (last) end = bytes.length;
    let line = bytes.subarray(start, end);
    if (line.length >= MAX_SCAN_TOKEN) throw new Error('bufio.Scanner: token too long');
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    raw.push(line);
    start = end + 1;
  }
  raw.forEach((lineBytes, index) => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let text: string;
    try {
      text = decoder.decode(lineBytes);
    } catch {
      throw new Error(`invalid utf8 bytes at line ${index + 1}`);
    }
    if (index === 0 && text.startsWith('\ufeff')) text = text.slice(1);
    let first = 0;
    while (first < text.length && isGoSpace(text.codePointAt(first)!)) first += text.codePointAt(first)! > 0xffff ? 2 : 1;
    const line = text.slice(first);
    if (line.length === 0 || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals);
    if (key.length === 0) throw new Error(`no variable name on line '${line}'`);
    if (/[ \t]/.test(key)) throw new Error(`variable '${key}' contains whitespaces`);
    // KEY alone takes the host's value; the outputs never write one.
    if (equals < 0) throw new Error(`unexpected KEY without value: ${key}`);
    lines.push(`${key}=${trimQuotes(line.slice(equals + 1))}`);
  });
  return lines;
}

/** The `--build-arg` values docker/build-push-action passes for a `build-args` input. */
export function buildPushActionBuildArgs(input: string): string[] {
  const value = input.trim(); // core.getInput trims
  if (value === '') return [];
  const records = parse(value, { columns: false, relaxQuotes: true, relaxColumnCount: true, skipEmptyLines: true }) as string[][];
  const items = records.map((record) => (record.length === 1 ? record[0]! : record.join(',')));
  return items.filter((item) => item).map((item) => item.trim());
}
