// The one definition of how dist/ is built, shared by `npm run bundle` and the test that checks
// dist/ is up to date. One ESM file per entry in BUNDLE_ENTRIES (runs.main, runs.post, and any
// background process), with the code they share split into dist/chunks/ so each step loads only
// what it uses. The createRequire banner is needed because bundled CommonJS dependencies (undici,
// tunnel) call require() for node built-ins, which an ESM bundle does not provide.

/** dist/<name>.js from src/<path>. */
export const BUNDLE_ENTRIES = {
  main: 'src/entry/main.ts',
  post: 'src/entry/post.ts',
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
