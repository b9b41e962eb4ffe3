export interface FileTiming {
  file: string;
  wallMs: number;
  testsMs: number;
  tests: number;
}

export declare const SLOWEST_SHOWN: number;
export declare function durationTable(): {
  add: (event: { type: string; data?: Record<string, unknown> }, nowMs: number) => void;
  files: () => FileTiming[];
};
export declare function formatSlowest(files: readonly FileTiming[], cwd: string): string;
export default function testDurations(source: AsyncIterable<{ type: string; data?: unknown }>): AsyncGenerator<string>;
export declare const SUITE_BUDGET_MS: number;
export declare function suiteLines(ms: number, fileCount: number): string[];
