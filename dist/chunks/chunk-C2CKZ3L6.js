import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/config/hosts.ts
import { isIP } from "node:net";
var GO_DEFAULT_PROXY_HOST = "proxy.golang.org";
function isPublicDefaultProxy(host) {
  return host.toLowerCase() === GO_DEFAULT_PROXY_HOST;
}
__name(isPublicDefaultProxy, "isPublicDefaultProxy");
function isLoopbackHost(host) {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1";
  return false;
}
__name(isLoopbackHost, "isLoopbackHost");
var intranetSuffixes = [".internal", ".local", ".corp", ".lan", ".intranet", ".home.arpa", ".localdomain"];
function looksPrivateHost(host) {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "") return false;
  if (isLoopbackHost(bare)) return true;
  if (isIP(bare) === 4) {
    const [a, b] = bare.split(".").map(Number);
    return a === 10 || a === 172 && b >= 16 && b <= 31 || a === 192 && b === 168 || a === 169 && b === 254;
  }
  if (isIP(bare) === 6) {
    const first = Number.parseInt(bare.split(":")[0] || "0", 16);
    return (first & 65024) === 64512 || (first & 65472) === 65152;
  }
  if (!bare.includes(".")) return true;
  return intranetSuffixes.some((suffix) => bare.endsWith(suffix));
}
__name(looksPrivateHost, "looksPrivateHost");

export {
  isPublicDefaultProxy,
  isLoopbackHost,
  looksPrivateHost
};
