// The loopback proxy's request log and counters. Every line is redacted (URL userinfo and every
// known secret replaced) and one line long; the file and the list of recent errors are bounded
// whatever the traffic, so a chatty job cannot fill RUNNER_TEMP or the post step's log. Lines are
// written synchronously: a proxy that is killed leaves everything it logged for the post step.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { redactText } from '../probe/classify.js';

export type RouteKind = 'bridge' | 'cache' | 'fallthrough' | 'control' | 'rejected';

export interface ProxyStats {
  /** Module proxy requests (control requests are not counted, here or in bytesOut). */
  requests: number;
  /** Requests forwarded to a bridged upstream (including fall-through to one). */
  bridged: number;
  /** Answered from $GOMODCACHE/cache/download. */
  servedFromCache: number;
  /** Served-cache requests answered by the job's GOPROXY. */
  fellThrough: number;
  byStatus: { '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  /** Upstream failures (502/504 answers), bodies cut off, local errors. */
  errors: number;
  /** The last errors (at most MAX_RECENT_ERRORS), redacted. */
  recentErrors: string[];
  bytesOut: number;
  /** Peak resident set size of the proxy process (sampled; on Linux the kernel's VmHWM). */
  maxRssBytes: number;
  /** CPU time used (user + system). */
  cpuMs: number;
  uptimeMs: number;
  servingModules: boolean;
}

export const MAX_RECENT_ERRORS = 20;
const DEFAULT_MAX_LOG_BYTES = 8 * 1024 * 1024;

function oneLine(text: string, max = 500): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class ProxyLog {
  private fd: number | null;
  private written = 0;
  private capped = false;
  private readonly startedAt = Date.now();
  private sampledPeakRss = process.memoryUsage.rss();
  private readonly sampler: NodeJS.Timeout;
  readonly stats: Omit<ProxyStats, 'maxRssBytes' | 'cpuMs' | 'uptimeMs'> = {
    requests: 0,
    bridged: 0,
    servedFromCache: 0,
    fellThrough: 0,
    byStatus: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    errors: 0,
    recentErrors: [],
    bytesOut: 0,
    servingModules: false,
  };

  constructor(
    file: string | null,
    private readonly secrets: readonly string[],
    private readonly maxBytes = DEFAULT_MAX_LOG_BYTES,
  ) {
    this.fd = file === null ? null : openSync(file, 'a', 0o600);
    // Not resourceUsage().maxRSS: after fork and exec, Linux reports the parent's peak there too.
    this.sampler = setInterval(() => (this.sampledPeakRss = Math.max(this.sampledPeakRss, process.memoryUsage.rss())), 100);
    this.sampler.unref();
  }

  private peakRss(): number {
    if (process.platform === 'linux') {
      try {
        const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
        if (hwm !== undefined) return Number(hwm) * 1024;
      } catch {
        // fall back to the samples
      }
    }
    return Math.max(this.sampledPeakRss, process.memoryUsage.rss());
  }

  private append(line: string): void {
    if (this.fd === null) return;
    try {
      writeSync(this.fd, line);
    } catch {
      // A log that cannot be written must not take the proxy down.
    }
  }

  redact(text: string): string {
    return redactText(text, this.secrets);
  }

  write(text: string): void {
    if (this.fd === null || this.capped) return;
    const line = `${new Date().toISOString()} ${oneLine(this.redact(text))}\n`;
    if (this.written + line.length > this.maxBytes) {
      this.capped = true;
      this.append(`${new Date().toISOString()} log limit of ${this.maxBytes} bytes reached: further requests are only counted\n`);
      return;
    }
    this.written += line.length;
    this.append(line);
  }

  /** One answered request. */
  request(entry: { method: string; path: string; status: number; route: RouteKind; ms: number; bytes: number; note?: string }): void {
    if (entry.route !== 'control') {
      this.stats.requests++;
      const bucket = entry.status >= 500 ? '5xx' : entry.status >= 400 ? '4xx' : entry.status >= 300 ? '3xx' : '2xx';
      this.stats.byStatus[bucket]++;
      this.stats.bytesOut += entry.bytes;
    }
    this.write(`${entry.status} ${entry.ms}ms ${entry.method} ${entry.path.slice(0, 300)} ${entry.route}${entry.note === undefined ? '' : ` ${entry.note}`}`);
  }

  error(text: string): void {
    this.stats.errors++;
    const line = oneLine(this.redact(text), 300);
    this.stats.recentErrors.push(line);
    if (this.stats.recentErrors.length > MAX_RECENT_ERRORS) this.stats.recentErrors.shift();
    this.write(`error: ${line}`);
  }

  snapshot(): ProxyStats {
    return {
      ...this.stats,
      byStatus: { ...this.stats.byStatus },
      recentErrors: [...this.stats.recentErrors],
      maxRssBytes: this.peakRss(),
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      uptimeMs: Date.now() - this.startedAt,
    };
  }

  close(): void {
    clearInterval(this.sampler);
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = null;
  }
}
