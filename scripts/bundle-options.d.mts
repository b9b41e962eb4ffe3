import type { BuildOptions } from 'esbuild';
export function bundleOptions(outfile: string): BuildOptions;
