// The one definition of how dist/ is built, shared by `npm run bundle` and the test that checks
// dist/ is up to date. One ESM file per entry in BUNDLE_ENTRIES (runs.main, runs.post, and any
// background process), with the code they share split into dist/chunks/ so each step loads only
// what it uses. The createRequire banner is needed because bundled CommonJS dependencies (undici,
// tunnel) call require() for node built-ins, which an ESM bundle does not provide.
//
// src/main.ts loads the phases a step can turn off (probe, cache) with `await import()`, so each
// lands in its own chunk and a step with them off never compiles them (__tests__/bundle-lazy).
// Not minified, on purpose (measured with the main step, probe and cache off, node 24, 21 paired
// runs, CPU time relative to a bare @actions/core step: plain 1.36x, whitespace-only 1.31x, full
// minify with keepNames 1.50x). Full minification starts slower (a likely cause: V8 compiles
// parenthesised function expressions, which minified code is full of, eagerly). Whitespace-only
// saves ~8 ms but turns every file into one line, so stack traces and reviews of dist/ lose their
// lines. No source map either: readable output already gives stack traces with real names and
// lines that esbuild's `// src/...` markers map back to the source, and node would need
// --enable-source-maps, which the runner does not pass.

/** dist/<name>.js from src/<path>. */
export const BUNDLE_ENTRIES = {
  main: 'src/entry/main.ts',
  post: 'src/entry/post.ts',
  proxy: 'src/entry/proxy.ts',
};

export function bundleOptions(outdir) {
  return {
    entryPoints: BUNDLE_ENTRIES,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outdir,
    legalComments: 'none',
    // @actions/cache tells its errors apart by comparing error.name with the class's name
    // (ReserveCacheError.name); renamed classes would turn a lost matrix race into a warning.
    keepNames: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);",
    },
  };
}
