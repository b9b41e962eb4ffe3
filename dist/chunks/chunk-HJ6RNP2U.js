import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  goErrorText,
  inspectionEnv,
  runGoCommand
} from "./chunk-2GCR54O6.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/build-cache/goEnv.ts
var OUTPUT_VARIABLES = [
  "GOFLAGS",
  "CGO_ENABLED",
  "GOAMD64",
  "GOARM",
  "GOARM64",
  "GO386",
  "GOMIPS",
  "GOMIPS64",
  "GOPPC64",
  "GORISCV64",
  "GOWASM",
  "GOEXPERIMENT",
  "CC",
  "CXX",
  "CGO_CFLAGS",
  "CGO_CPPFLAGS",
  "CGO_CXXFLAGS",
  "CGO_FFLAGS",
  "CGO_LDFLAGS"
];
var ASKED = ["GOCACHE", "GOOS", "GOARCH", "GOVERSION", "GOMODCACHE", ...OUTPUT_VARIABLES];
function parseGoEnvJson(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: "go env -json printed something that is not JSON" };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { error: "go env -json printed something that is not an object" };
  const values = parsed;
  const get = /* @__PURE__ */ __name((name) => typeof values[name] === "string" ? values[name] : "", "get");
  const outputs = {};
  for (const name of OUTPUT_VARIABLES) outputs[name] = get(name);
  return { gocache: get("GOCACHE"), goos: get("GOOS"), goarch: get("GOARCH"), goVersion: get("GOVERSION"), gomodcache: get("GOMODCACHE"), outputs };
}
__name(parseGoEnvJson, "parseGoEnvJson");
async function readBuildEnv(goBinary, env, cwd) {
  const run = await runGoCommand(goBinary, ["env", "-json", ...ASKED], inspectionEnv(env), cwd, 6e4);
  if (run.code !== 0) return { error: goErrorText(run.stderr, 300) || `go env exited with code ${run.code}` };
  const parsed = parseGoEnvJson(run.stdout);
  if (!("error" in parsed) && (env["GOFLAGS"] ?? "") !== "") parsed.outputs["GOFLAGS"] = env["GOFLAGS"];
  return parsed;
}
__name(readBuildEnv, "readBuildEnv");

export {
  readBuildEnv
};
