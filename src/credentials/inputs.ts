// Pure parsing of the credential inputs `netrc` and `git-token-hosts`. Errors never echo a
// password or login: a malformed netrc line may hold a secret in any field, so only the line
// number and the shape of the problem are reported.

import { InputError } from '../config/inputValues.js';
import { displayValue } from '../report/bounds.js';
import type { NetrcEntry } from '../go/netrc.js';
import { goFields } from '../go/proxyList.js';

const NETRC_SHAPE = '`machine HOST[:PORT] login USER password SECRET`';

/** host[:port] as the go command compares it with a request's Host (go-semantics §8). */
const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

export function isHostPort(value: string): boolean {
  return HOST_PORT.test(value);
}

/**
 * Every field that may be a secret, even on lines that fail to parse (so they are masked before
 * the error is printed): the value after `password`, and after `login` (some services take the
 * token as the login), and any field of a line that is not a clean `machine .. login .. password ..`.
 */
export function netrcInputSecrets(raw: string): string[] {
  const found = new Set<string>();
  for (const line of raw.split(/\r?\n/)) {
    const fields = goFields(line);
    if (fields.length === 0 || fields[0]!.startsWith('#')) continue;
    fields.forEach((field, index) => {
      const keyword = index > 0 ? fields[index - 1] : undefined;
      if (keyword === 'password') found.add(field);
      // A long login is probably a token; a short one ("git", "oauth2") would mask ordinary words.
      else if (keyword === 'login' && field.length >= 16) found.add(field);
    });
    const wellFormed = fields.length === 6 && fields[0] === 'machine' && fields[2] === 'login' && fields[4] === 'password';
    if (!wellFormed) for (const field of fields) if (!['machine', 'login', 'password'].includes(field) && field.length >= 8) found.add(field);
  }
  return [...found];
}

/**
 * The `netrc` input: one entry per line, `machine HOST[:PORT] login USER password SECRET`
 * (keywords in any order), blank lines and `#` comments ignored. Everything the go command would
 * silently skip (`default`, `macdef`, an incomplete entry) is an error here, because the user
 * clearly meant the line to be used.
 */
export function parseNetrcInput(raw: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  raw.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    const fields = goFields(line);
    if (fields.length === 0 || fields[0]!.startsWith('#')) return;
    const fail = (reason: string, fix = `Write each line as ${NETRC_SHAPE}.`): never => {
      // The "value" shown is only the line number: any field of a bad line may be a secret.
      throw new InputError('netrc', `line ${lineNumber}`, `line ${lineNumber} ${reason}`, fix);
    };
    if (fields.length !== 6) fail(`has ${fields.length} fields; expected 6 (${NETRC_SHAPE})`);
    const values = new Map<string, string>();
    for (let i = 0; i < fields.length; i += 2) {
      const keyword = fields[i]!;
      if (keyword !== 'machine' && keyword !== 'login' && keyword !== 'password') {
        // Not echoed: with a missing keyword the secret may sit in this position.
        fail(`has a field where a keyword (machine, login or password) should be (field ${i + 1})`);
      }
      if (values.has(keyword)) fail(`names "${keyword}" twice`);
      values.set(keyword, fields[i + 1]!);
    }
    const machine = values.get('machine')!;
    if (machine.includes('://') || machine.includes('/') || machine.includes('@')) {
      fail('has a URL as machine; the go command compares machine with the request host[:port] only', 'Write only the host and, when the URL has one, the port: `machine goproxy.corp.example:8443`.');
    }
    if (!isHostPort(machine)) fail('has a machine that is not a host name or host:port', 'Write the host exactly as in the URL, e.g. `machine goproxy.corp.example` or `machine 10.0.0.5:8443`.');
    entries.push({ machine, login: values.get('login')!, password: values.get('password')! });
  });
  return entries;
}

/**
 * `git-token-hosts`: host names (optionally :port) separated by commas, spaces or newlines. Empty
 * means "the hosts named by the private patterns". Hosts are compared like module paths, whose
 * first element is lower case, so they are lower-cased here.
 */
export function parseGitTokenHosts(raw: string): string[] {
  const hosts: string[] = [];
  for (const element of raw.split(/[\s,]+/)) {
    if (element === '' || element.startsWith('#')) continue;
    if (!isHostPort(element)) {
      const reason = element.includes('://') || element.includes('/')
        ? `"${displayValue(element)}" is a URL or path, not a host`
        : /[*?[\]]/.test(element)
          ? `"${displayValue(element)}" is a pattern; git url.insteadOf rules need a literal host`
          : `"${displayValue(element)}" is not a host name`;
      throw new InputError('git-token-hosts', raw, reason, 'List host names such as github.com or ghe.corp.example:8443, separated by commas or newlines.');
    }
    const host = element.toLowerCase();
    if (!hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}
