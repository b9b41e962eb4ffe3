// The lines the proxy process writes on stdout for the main step, and its crash exit code:
// shared by the process (run.ts) and the launcher (launch.ts) without either importing the other.

export const READY_PREFIX = 'setup-goproxy-proxy ready port=';
export const FAILED_PREFIX = 'setup-goproxy-proxy failed: ';
/** Exit code of a proxy that crashed on an unexpected error (the post step reports it). */
export const CRASH_EXIT_CODE = 70;
