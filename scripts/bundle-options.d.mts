import type { BuildOptions } from 'esbuild';

export declare const BUNDLE_ENTRIES: Record<string, string>;
export declare function bundleOptions(outdir: string): BuildOptions;
