// The post step. The configure phase has nothing to undo: it exports variables through the
// job environment only and never writes `go env -w`, so post only confirms that.

import * as core from '@actions/core';

export async function runPost(): Promise<void> {
  core.debug('setup-goproxy post step: nothing to clean up');
}
