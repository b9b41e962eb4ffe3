import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/routes.ts
import { timingSafeEqual } from "node:crypto";
var CONTROL_PREFIX = "/_setup-goproxy/";
var MAX_TARGET_LENGTH = 8192;
function sameToken(given, token) {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
__name(sameToken, "sameToken");
function unsafePathReason(path) {
  if (!path.startsWith("/")) return 'the path does not start with "/"';
  if (path.includes("\\")) return "the path contains a backslash";
  if (/%(?:2f|5c|00)/i.test(path)) return "the path contains an encoded slash, backslash or NUL";
  for (const segment of path.split("/")) {
    const decoded = segment.replace(/%2e/gi, ".");
    if (decoded === "." || decoded === "..") return 'the path contains a "." or ".." segment';
  }
  return null;
}
__name(unsafePathReason, "unsafePathReason");
function routeRequest(method, target, options) {
  if (target.length > MAX_TARGET_LENGTH) return { kind: "reject", status: 414, reason: "request target too long" };
  if (!target.startsWith("/")) return { kind: "reject", status: 400, reason: "this is a Go module proxy, not a forward proxy" };
  const queryAt = target.indexOf("?");
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? "" : target.slice(queryAt);
  if (path.startsWith(CONTROL_PREFIX)) {
    const [token = "", verb = "", ...extra] = path.slice(CONTROL_PREFIX.length).split("/");
    if (extra.length > 0 || !sameToken(token, options.token)) return { kind: "reject", status: 404, reason: "not found" };
    if (verb === "stats" && (method === "GET" || method === "HEAD")) return { kind: "control", verb };
    if ((verb === "serve" || verb === "stop") && method === "POST") return { kind: "control", verb };
    return { kind: "reject", status: 405, reason: "method not allowed" };
  }
  if (method !== "GET" && method !== "HEAD") return { kind: "reject", status: 405, reason: "the module proxy protocol only uses GET" };
  const unsafe = unsafePathReason(path);
  if (unsafe !== null) return { kind: "reject", status: 400, reason: unsafe };
  const bridge = /^\/([1-9][0-9]{0,2})(\/.*)?$/.exec(path);
  if (bridge !== null) {
    const index = Number(bridge[1]);
    if (index > options.upstreams) return { kind: "reject", status: 404, reason: `no bridged GOPROXY entry number ${index}` };
    return { kind: "bridge", index, rest: `${bridge[2] ?? "/"}${query}` };
  }
  return { kind: "cache", path, query };
}
__name(routeRequest, "routeRequest");
function upstreamTarget(base, rest) {
  const url = new URL(base);
  const queryAt = rest.indexOf("?");
  const restPath = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? "" : rest.slice(queryAt);
  const basePath = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${basePath}${restPath === "" ? "/" : restPath}${query}`;
}
__name(upstreamTarget, "upstreamTarget");

export {
  CONTROL_PREFIX,
  routeRequest,
  upstreamTarget
};
