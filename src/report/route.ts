// Pure: the job's module route as a mermaid flowchart for the job summary (GitHub renders
// ```mermaid blocks): the go command, each GOPROXY entry in order with its probe verdict, edges
// labelled with what falls through to the next entry (`,` = 404/410 only, `|` = any error), the
// direct/off tail, the GONOPROXY patterns that go direct, the checksum database's route and the
// GONOSUMDB patterns, and, when the loopback proxy runs, the mTLS bridge and the served cache.
//
// Every text from outside (URLs, patterns, probe details) goes through mermaidText (escaped,
// bounded) after redactForDisplay, so the diagram stays valid, small and free of credentials
// whatever the model holds. Long lists collapse into "+N more" nodes.

import { redactForDisplay } from '../go/redact.js';
import { mermaidText } from './mermaidText.js';

export type HopState = 'healthy' | 'unhealthy' | 'refused' | 'not-probed';

export interface HopVerdict {
  state: HopState;
  latencyMs: number | null;
  /** Short cause (an error class such as "headers-timeout", or "HTTP 403"); null when none. */
  detail: string | null;
}

/** What moves a request on to the next entry: ',' a 404/410 only, '|' any error, '' none (last). */
export type RouteSeparator = ',' | '|' | '';

export interface RouteHop {
  kind: 'proxy' | 'direct' | 'off';
  /** The entry as shown (the builder redacts; the renderer redacts again). */
  url: string;
  separator: RouteSeparator;
  verdict: HopVerdict;
  /** A fallback mirror the probe put in place of a failing entry. */
  addedByProbe: boolean;
  /** For a loopback entry that is the mTLS bridge: the upstream it stands for (redacted). */
  bridgeTo: string | null;
}

export interface DroppedHop {
  url: string;
  verdict: HopVerdict;
}

export interface ChecksumRoute {
  /**
   * direct: https://<name>; proxy: <hop>/sumdb/<name>; explicit-url: the URL in GOSUMDB; fails:
   * a proxy's error on /sumdb/<name>/supported fails verification; off: GOSUMDB=off; not-probed:
   * the route depends on the proxies' answers, which were not asked; invalid: GOSUMDB is invalid.
   */
  via: 'direct' | 'proxy' | 'explicit-url' | 'fails' | 'off' | 'not-probed' | 'invalid';
  /** The database name, e.g. sum.golang.org. */
  name: string | null;
  /** The base URL of its requests, when known. */
  url: string | null;
  /** For via 'proxy': index into RouteModel.hops of the entry that serves it. */
  throughHop: number | null;
  verdict: HopVerdict;
  /** For via 'fails': why. */
  reason: string | null;
}

export interface RouteModel {
  /** The exported GOPROXY entries, in order (never empty for a valid GOPROXY). */
  hops: RouteHop[];
  /**
   * GONOPROXY patterns: matching modules skip every entry and go direct. null when the go
   * command adds no implicit "noproxy" entry (GONOPROXY empty, or GOPROXY exactly "direct").
   */
  privatePatterns: string[] | null;
  /** Entries the probe removed from the exported GOPROXY. */
  dropped: DroppedHop[];
  checksum: ChecksumRoute;
  /** GONOSUMDB patterns (not verified by the checksum database). */
  noSumdbPatterns: string[];
  /** The loopback module proxy serving the warm module cache (the module-proxy output). */
  servedCache: { url: string } | null;
}

/** How much of each list is drawn; the rest collapses into "+N more". */
export const ROUTE_LIMITS = { hops: 6, patterns: 4, dropped: 3 } as const;

const URL_CHARS = 72;
const PATTERN_CHARS = 48;
const DETAIL_CHARS = 40;

type Shape = 'rect' | 'stadium' | 'round' | 'subroutine' | 'cylinder';
type Style = 'ok' | 'bad' | 'warn' | 'muted' | 'bridge';
type Arrow = 'solid' | 'thick' | 'dotted';

const SHAPES: Record<Shape, [string, string]> = {
  rect: ['["', '"]'],
  stadium: ['(["', '"])'],
  round: ['("', '")'],
  subroutine: ['[["', '"]]'],
  cylinder: ['[("', '")]'],
};

const ARROWS: Record<Arrow, string> = { solid: '-->', thick: '==>', dotted: '-.->' };

const CLASS_DEFS: Record<Style, string> = {
  ok: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  bad: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328',
  warn: 'fill:#fff8c5,stroke:#9a6700,color:#1f2328',
  muted: 'fill:#f6f8fa,stroke:#8c959f,color:#1f2328',
  bridge: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
};

/** Collects nodes and edges; labels are lists of already-safe lines joined with <br>. */
class Flowchart {
  private readonly nodes: string[] = [];
  private readonly edges: string[] = [];
  private readonly styles = new Map<Style, string[]>();

  node(id: string, shape: Shape, lines: readonly string[], style: Style): string {
    const [open, close] = SHAPES[shape];
    this.nodes.push(`  ${id}${open}${lines.join('<br>')}${close}`);
    const ids = this.styles.get(style) ?? [];
    ids.push(id);
    this.styles.set(style, ids);
    return id;
  }

  edge(from: string, to: string, arrow: Arrow, label: string | null = null): void {
    this.edges.push(`  ${from} ${ARROWS[arrow]}${label === null ? '' : `|"${label}"|`} ${to}`);
  }

  text(): string {
    const used = [...this.styles.keys()];
    return [
      'flowchart LR',
      ...this.nodes,
      ...this.edges,
      ...used.map((style) => `  classDef ${style} ${CLASS_DEFS[style]}`),
      ...used.map((style) => `  class ${this.styles.get(style)!.join(',')} ${style}`),
    ].join('\n');
  }
}

/** Raw characters looked at per text: labels show far fewer, and redaction stays cheap. */
const RAW_CHARS = 512;

/** Untrusted text, redacted and escaped. */
function safe(text: string, max: number): string {
  const clipped = text.length > RAW_CHARS;
  let shown = redactForDisplay(clipped ? text.slice(0, RAW_CHARS) : text);
  if (clipped) {
    // An authority cut off before its '@' may be the start of a userinfo: drop it.
    const authority = shown.lastIndexOf('://');
    if (authority >= 0 && !/[/?#|\s"'<>`@]/.test(shown.slice(authority + 3))) shown = `${shown.slice(0, authority + 3)}…`;
  }
  return mermaidText(shown, max);
}

function verdictLine(verdict: HopVerdict): string {
  const cause = verdict.detail === null ? '' : safe(verdict.detail, DETAIL_CHARS);
  const detail = cause === '' ? '' : ` · ${cause}`;
  const latency = verdict.latencyMs === null ? '' : ` · ${Math.max(0, Math.round(verdict.latencyMs))} ms`;
  switch (verdict.state) {
    case 'healthy':
      return `✅ healthy${latency}`;
    case 'unhealthy':
      return `❌ unhealthy${detail}`;
    case 'refused':
      return `⛔ refused${detail}`;
    default:
      return 'not probed';
  }
}

function verdictStyle(verdict: HopVerdict): Style {
  return verdict.state === 'healthy' ? 'ok' : verdict.state === 'not-probed' ? 'muted' : 'bad';
}

function separatorEdge(separator: RouteSeparator): { arrow: Arrow; label: string } {
  // '#124;' is '|' (a raw one would end the edge label).
  return separator === '|' ? { arrow: 'thick', label: '#124; any error' } : { arrow: 'solid', label: ', 404/410 only' };
}

/** Lines for a capped pattern list, with "+N more". */
function patternLines(patterns: readonly string[]): string[] {
  const shown = patterns.slice(0, ROUTE_LIMITS.patterns).map((pattern) => safe(pattern, PATTERN_CHARS));
  const omitted = patterns.length - shown.length;
  return omitted > 0 ? [...shown, `+${omitted} more`] : shown;
}

type ChainItem = { kind: 'hop'; index: number } | { kind: 'more'; first: number; last: number };

/** All hops when they fit; else the first ones, a "+N more" item, and the last (the direct/off tail). */
export function chainItems(count: number, max: number = ROUTE_LIMITS.hops): ChainItem[] {
  const all = Array.from({ length: count }, (_, index): ChainItem => ({ kind: 'hop', index }));
  if (count <= max) return all;
  const head = Math.max(1, max - 2);
  return [...all.slice(0, head), { kind: 'more', first: head, last: count - 2 }, { kind: 'hop', index: count - 1 }];
}

export function renderRouteDiagram(model: RouteModel): string {
  const chart = new Flowchart();
  const go = chart.node('goCmd', 'stadium', ['go command'], 'muted');

  // The GOPROXY chain: where a request enters each item, and where it leaves for the next.
  const items = chainItems(model.hops.length);
  const entry: string[] = [];
  const exit: string[] = [];
  let directNode: string | null = null;
  items.forEach((item, position) => {
    if (item.kind === 'more') {
      const count = item.last - item.first + 1;
      const id = chart.node('more', 'rect', [`+${count} more entries`, 'same fall-through rules'], 'muted');
      entry.push(id);
      exit.push(id);
      return;
    }
    const hop = model.hops[item.index]!;
    const id = `hop${position}`;
    if (hop.kind === 'direct') {
      directNode = chart.node(id, 'subroutine', ['direct', 'origin servers (VCS)'], 'muted');
      entry.push(id);
      exit.push(id);
      return;
    }
    if (hop.kind === 'off') {
      chart.node(id, 'rect', ['off', 'lookups disabled: download fails'], 'warn');
      entry.push(id);
      exit.push(id);
      return;
    }
    if (hop.bridgeTo !== null) {
      chart.node(id, 'rect', [safe(hop.url, URL_CHARS), '🔒 mTLS bridge (loopback)'], 'bridge');
      const upstream = chart.node(`up${position}`, 'rect', [safe(hop.bridgeTo, URL_CHARS), verdictLine(hop.verdict)], verdictStyle(hop.verdict));
      chart.edge(id, upstream, 'thick', 'client certificate');
      entry.push(id);
      exit.push(upstream);
      return;
    }
    const lines = [safe(hop.url, URL_CHARS), verdictLine(hop.verdict)];
    if (hop.addedByProbe) lines.push('fallback added by the probe');
    chart.node(id, 'rect', lines, verdictStyle(hop.verdict));
    entry.push(id);
    exit.push(id);
  });

  const hasPrivate = model.privatePatterns !== null && model.privatePatterns.length > 0;
  if (entry.length === 0) {
    chart.edge(go, chart.node('stop', 'rect', ['GOPROXY has no entries', 'download fails'], 'bad'), 'solid');
  } else {
    chart.edge(go, entry[0]!, 'solid', hasPrivate ? 'other modules' : 'modules');
    for (let position = 0; position + 1 < items.length; position++) {
      const item = items[position]!;
      const lastHop = item.kind === 'hop' ? item.index : item.last;
      const { arrow, label } = separatorEdge(model.hops[lastHop]?.separator ?? ',');
      chart.edge(exit[position]!, entry[position + 1]!, arrow, label);
    }
    const last = model.hops[model.hops.length - 1];
    if (last !== undefined && last.kind === 'proxy') {
      chart.edge(exit[exit.length - 1]!, chart.node('stop', 'rect', ['no more entries', 'go reports the error'], 'muted'), 'dotted', 'not found or error');
    }
  }

  if (hasPrivate) {
    const patterns = chart.node('private', 'rect', ['GONOPROXY', ...patternLines(model.privatePatterns!)], 'muted');
    chart.edge(go, patterns, 'solid', 'matches GONOPROXY');
    chart.edge(patterns, directNode ?? chart.node('vcs', 'subroutine', ['direct', 'origin servers (VCS)'], 'muted'), 'solid');
  }

  if (model.servedCache !== null && entry.length > 0) {
    const container = chart.node('container', 'stadium', ['container build', 'network: host'], 'muted');
    const served = chart.node('served', 'cylinder', ['served warm cache', safe(model.servedCache.url, URL_CHARS), 'module-proxy output'], 'bridge');
    chart.edge(container, served, 'solid', 'GOPROXY');
    chart.edge(served, entry[0]!, 'solid', 'not in the cache');
  }

  if (model.dropped.length > 0) {
    const shown = model.dropped.slice(0, ROUTE_LIMITS.dropped).map((hop) => `${safe(hop.url, URL_CHARS)} · ${verdictLine(hop.verdict)}`);
    const omitted = model.dropped.length - shown.length;
    const dropped = chart.node('dropped', 'rect', ['dropped by the probe', ...shown, ...(omitted > 0 ? [`+${omitted} more`] : [])], 'bad');
    chart.edge(go, dropped, 'dotted', 'not used');
  }

  // A request for the checksum database leaves the chain where the serving entry's item does
  // (a collapsed entry's "+N more" node, a bridged entry's upstream).
  renderChecksum(chart, go, model, (index) => {
    const position = items.findIndex((item) => (item.kind === 'hop' ? item.index === index : index >= item.first && index <= item.last));
    return position < 0 ? null : (exit[position] ?? null);
  });

  return chart.text();
}

function renderChecksum(chart: Flowchart, go: string, model: RouteModel, hopExit: (index: number) => string | null): void {
  const sumdb = model.checksum;
  const name = sumdb.name === null ? 'checksum database' : safe(sumdb.name, URL_CHARS);
  switch (sumdb.via) {
    case 'off':
      chart.edge(go, chart.node('sumdb', 'cylinder', ['GOSUMDB=off', 'nothing verified (go.sum only)'], 'warn'), 'dotted', 'checksums');
      return;
    case 'invalid':
      chart.edge(go, chart.node('sumdb', 'cylinder', ['GOSUMDB is invalid', 'see Problems'], 'bad'), 'dotted', 'checksums');
      return;
    case 'fails':
      chart.edge(go, chart.node('sumdb', 'cylinder', [name, 'verification fails', ...(sumdb.reason === null ? [] : [safe(sumdb.reason, URL_CHARS)])], 'bad'), 'dotted', 'checksums');
      break;
    case 'proxy': {
      const through = sumdb.throughHop === null ? null : hopExit(sumdb.throughHop);
      const node = chart.node('sumdb', 'cylinder', [name, ...(sumdb.url === null ? [] : [safe(sumdb.url, URL_CHARS)]), verdictLine(sumdb.verdict)], verdictStyle(sumdb.verdict));
      if (through === null) {
        chart.edge(go, node, 'dotted', 'checksums through a proxy');
      } else {
        chart.edge(go, through, 'dotted', 'checksums');
        chart.edge(through, node, 'dotted', `/sumdb/${sumdb.name === null ? '' : safe(sumdb.name, URL_CHARS)}/`);
      }
      break;
    }
    default: {
      const how = sumdb.via === 'explicit-url' ? 'URL from GOSUMDB' : sumdb.via === 'direct' ? 'direct' : 'direct unless a proxy serves /sumdb/';
      const node = chart.node('sumdb', 'cylinder', [name, how, ...(sumdb.url === null || sumdb.via === 'not-probed' ? [] : [safe(sumdb.url, URL_CHARS)]), verdictLine(sumdb.verdict)], verdictStyle(sumdb.verdict));
      chart.edge(go, node, 'dotted', 'checksums');
    }
  }
  if (model.noSumdbPatterns.length > 0) {
    chart.edge(go, chart.node('nosumdb', 'rect', ['GONOSUMDB: not verified', ...patternLines(model.noSumdbPatterns)], 'warn'), 'dotted', 'matches GONOSUMDB');
  }
}

/** The summary section: the diagram in a ```mermaid fence, and how to read its edges. */
export function routeSummaryBody(model: RouteModel): string {
  return [
    '```mermaid',
    renderRouteDiagram(model),
    '```',
    '',
    'Each request walks the entries left to right: after `,` the next entry is tried only on 404/410, after `|` on any error; dotted lines are the checksum database\'s route.',
    '',
  ].join('\n');
}
