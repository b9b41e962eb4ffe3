import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CONTROL_PREFIX
} from "./chunk-DL4VYVM3.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/control.ts
import http from "node:http";
var MAX_ANSWER_BYTES = 256 * 1024;
function controlRequest(port, token, verb, body, timeoutMs) {
  const payload = body === void 0 ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: `${CONTROL_PREFIX}${token}/${verb}`,
        method: verb === "stats" ? "GET" : "POST",
        agent: false,
        headers: payload === null ? {} : { "content-type": "application/json", "content-length": String(payload.length) }
      },
      (response) => {
        const chunks = [];
        let size = 0;
        response.on("data", (chunk) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          reject(error);
        });
      }
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer from the loopback proxy within ${timeoutMs} ms`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(payload ?? void 0);
  });
}
__name(controlRequest, "controlRequest");

export {
  controlRequest
};
