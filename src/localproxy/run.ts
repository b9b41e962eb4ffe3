// The loopback proxy process (dist/proxy.js): reads its configuration file and deletes it at once
// (it holds the client key), starts the server, and tells the main step it is ready with one line
// on stdout. From then on it writes only to its log file: the main step has stopped reading
// stdout and exited. It ends on the post step's stop request, on SIGTERM/SIGINT, or when killed.

import { readFile, rm } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import { parseLocalProxyConfig } from './config.js';
import { ProxyLog } from './log.js';
import { CRASH_EXIT_CODE, FAILED_PREFIX, READY_PREFIX } from './readyLine.js';
import { createLocalProxyServer } from './server.js';


function say(line: string): void {
  try {
    writeSync(1, `${line}\n`);
  } catch {
    // nobody reads stdout any more
  }
}

export async function runLocalProxyProcess(configPath: string | undefined): Promise<void> {
  if (configPath === undefined || configPath === '') {
    say(`${FAILED_PREFIX}no configuration file given`);
    process.exitCode = 2;
    return;
  }
  let log: ProxyLog | null = null;
  try {
    let text: string;
    try {
      text = await readFile(configPath, 'utf8');
    } finally {
      // Whatever happens next, the secrets do not stay on disk.
      await rm(configPath, { force: true });
    }
    const config = parseLocalProxyConfig(text);
    const proxyLog = new ProxyLog(config.logFile, [...config.netrc.map((entry) => entry.password), config.token]);
    log = proxyLog;
    process.on('uncaughtException', (error) => {
      // Redacted, one line, in the log; the post step reports that the proxy died.
      try {
        writeSync(2, `${new Date().toISOString()} crash: ${proxyLog.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ').slice(0, 500)}\n`);
      } finally {
        process.exit(CRASH_EXIT_CODE);
      }
    });
    const server = await createLocalProxyServer(config, proxyLog);
    const port = await server.listen();
    proxyLog.write(`listening on 127.0.0.1:${port} (pid ${process.pid}; ${config.upstreams.length} bridged entr${config.upstreams.length === 1 ? 'y' : 'ies'}${config.serve === null ? '' : '; serving the module cache'})`);
    const stop = async (why: string): Promise<void> => {
      proxyLog.write(`stopping: ${why}`);
      const stats = proxyLog.snapshot();
      proxyLog.write(`${stats.requests} requests, ${stats.errors} errors, peak RSS ${Math.round(stats.maxRssBytes / 1048576)} MiB`);
      await server.close();
      proxyLog.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    void server.stopped.then(() => stop('the post step asked'));
    say(`${READY_PREFIX}${port}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log?.write(`could not start: ${message}`);
    log?.close();
    say(`${FAILED_PREFIX}${log === null ? message : log.redact(message)}`);
    process.exit(1);
  }
}
