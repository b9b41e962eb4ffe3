// Bundle entry for the loopback module proxy (dist/proxy.js), which the main step starts in the
// background: `node dist/proxy.js <config file>`. It loads only src/localproxy's server side
// (no @actions/core), so the process starts fast and stays small.
import { runLocalProxyProcess } from '../localproxy/run.js';

await runLocalProxyProcess(process.argv[2]);
