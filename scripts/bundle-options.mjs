// The one definition of how dist/ is built, shared by `npm run bundle` and the test that checks
// dist/ is up to date. The createRequire banner is needed because bundled CommonJS dependencies
// (undici, tunnel) call require() for node built-ins, which an ESM bundle does not provide.

export function bundleOptions(outfile) {
  return {
    entryPoints: ['src/index.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);",
    },
  };
}
