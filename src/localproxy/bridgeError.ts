// The body the loopback proxy answers when it could not get an answer from an upstream. Pure.
//
// Two audiences read it: the go command prints the first lines of a text/plain error body
// ("server response: ..."), so it is a sentence a person understands; and the probe, which asks
// the upstream through the bridge, reads the failure class back from the first line
// (src/probe/classify.ts bridgeFailure) so it reports the same class as for a direct request.
//
//   setup-goproxy bridge [<class>]: <message>
//   fix: <fix>

import type { Classification } from '../probe/classify.js';

export const BRIDGE_ERROR_PREFIX = 'setup-goproxy bridge [';

export interface BridgeErrorAnswer {
  status: 502 | 504;
  body: string;
}

const TIMEOUT_CLASSES = new Set(['connect-timeout', 'headers-timeout', 'body-timeout']);

function flat(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** 504 when the upstream did not answer in time, 502 for every other failure (the go command treats both as errors: `,` stops, `|` falls through). */
export function bridgeErrorAnswer(classification: Pick<Classification, 'errorClass' | 'message' | 'fix'>): BridgeErrorAnswer {
  const errorClass = classification.errorClass ?? 'reset';
  const lines = [`${BRIDGE_ERROR_PREFIX}${errorClass}]: ${flat(classification.message, 300)}`];
  if (classification.fix !== null) lines.push(`fix: ${flat(classification.fix, 400)}`);
  return { status: TIMEOUT_CLASSES.has(errorClass) ? 504 : 502, body: `${lines.join('\n')}\n` };
}
