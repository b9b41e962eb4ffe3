// Bundle entry for runs.post (dist/post.js). A separate entry, so a post step can never run main's
// work: it only reads the state main saved.
import { runPost } from '../post.js';

await runPost();
