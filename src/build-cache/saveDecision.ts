// When the post step saves the build cache (pure).
//
// Only after a successful job, unless build-cache-save is `always`: a failed job used part of
// its working set, so its trimmed cache would be missing what the next job needs. The post step
// knows the job succeeded when it runs through action.yml's post-if `success()` branch, i.e.
// when SETUP_GOPROXY_POST_ALWAYS is not set; when something else forced it to run (credential
// clean-up, `save: always`), it cannot tell, and saves only with `always`.

import { branchRule, type SaveDecision, type SaveMode } from '../cache/saveMode.js';

export interface BuildSaveInput {
  mode: SaveMode;
  /** Whether the post-if gate guaranteed a successful job. */
  jobSucceeded: boolean;
  ref: string;
  defaultBranch: string | null;
}

export function decideBuildSave(input: BuildSaveInput): SaveDecision {
  if (input.mode === 'never') return { save: false, reason: "build-cache-save is 'never'" };
  if (!input.jobSucceeded && input.mode !== 'always') {
    return { save: false, reason: "the post step also runs after failed jobs here (credential clean-up or save: always), so it cannot tell that this job succeeded; set build-cache-save: always to save anyway" };
  }
  return branchRule(input.mode, input.ref, input.defaultBranch, 'build-cache-save');
}
