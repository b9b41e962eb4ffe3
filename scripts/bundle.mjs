// Builds dist/ from src/ (see bundle-options.mjs); files a previous build left behind are removed,
// so dist/ always equals a fresh build.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build(bundleOptions('dist'));
