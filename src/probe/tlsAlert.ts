// Keeps a TLS alert that a server sends after the handshake as the error of the request.
//
// In TLS 1.3 a server checks the client's certificate after the client has finished its side of
// the handshake, so "certificate required" (or "unknown ca", "bad certificate") arrives as an
// alert once undici has already written the request. Node emits the alert as a socket 'error' and
// then 'end'; undici's 'end' handler replaces the alert with a generic "other side closed" socket
// error, and the request fails with that. To report tls-client-cert-required, the alert must
// survive: when a socket undici connected gets a client-certificate alert, the 'end' handlers are
// dropped (the socket is destroyed by the error anyway, nothing more will be read), so undici
// fails the request with the alert itself.

import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { CLIENT_CERT_ALERTS } from './classify.js';

let installed = false;

function onConnected(message: unknown): void {
  const socket = (message as { socket?: Socket } | null)?.socket;
  if (socket === undefined || typeof socket.prependListener !== 'function') return;
  socket.prependListener('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== undefined && CLIENT_CERT_ALERTS.has(error.code)) socket.removeAllListeners('end');
  });
}

/** Idempotent; every undici connection of this process is covered from then on. */
export function keepClientCertificateAlerts(): void {
  if (installed) return;
  installed = true;
  diagnosticsChannel.subscribe('undici:client:connected', onConnected);
}
