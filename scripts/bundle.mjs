// Builds dist/index.js from src/index.ts: one ESM file for both runs.main and runs.post.
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

await build(bundleOptions('dist/index.js'));
