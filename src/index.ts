// One bundle serves runs.main and runs.post: the main step records `isPost` in its state, which
// the runner hands to the post step as STATE_isPost.

import * as core from '@actions/core';
import { runMain } from './main.js';
import { runPost } from './post.js';

if (core.getState('isPost') === 'true') {
  await runPost();
} else {
  await runMain();
}
