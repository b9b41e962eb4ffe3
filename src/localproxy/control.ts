// The main and post steps' requests to the running proxy's control endpoints, bounded in time.
// node:http straight to 127.0.0.1: no forward proxy, no keep-alive.

import http from 'node:http';
import { CONTROL_PREFIX, type ControlVerb } from './routes.js';

export interface ControlAnswer {
  status: number;
  body: string;
}

const MAX_ANSWER_BYTES = 256 * 1024;

export function controlRequest(port: number, token: string, verb: ControlVerb, body: unknown, timeoutMs: number): Promise<ControlAnswer> {
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `${CONTROL_PREFIX}${token}/${verb}`,
        method: verb === 'stats' ? 'GET' : 'POST',
        agent: false,
        headers: payload === null ? {} : { 'content-type': 'application/json', 'content-length': String(payload.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer from the loopback proxy within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(payload ?? undefined);
  });
}
