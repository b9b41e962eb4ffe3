// Bundle entry for runs.main (dist/main.js).
import { runMain } from '../main.js';

await runMain();
