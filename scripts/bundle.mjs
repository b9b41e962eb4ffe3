// Builds dist/index.js from src/index.ts: one ESM file for both runs.main and runs.post.
// The createRequire banner is needed because bundled CommonJS dependencies (undici, tunnel)
// call require() for node built-ins, which an ESM bundle does not provide by itself.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/index.js',
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);",
  },
});
