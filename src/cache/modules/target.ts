// One go run of the pre-warm: the go.work directory (workspace mode), or a module outside it.

export interface DownloadTarget {
  /** Directory to run in. */
  dir: string;
  /** true: the go.work directory (workspace mode); false: a module on its own (GOWORK=off). */
  workspaceMode: boolean;
  /** For messages: repository-relative go.work or go.mod. */
  label: string;
  /**
   * A module outside go.work: the module versions its go.mod requires (after replacements), each
   * needing a go.mod hash in its go.sum before the batch (batch.ts) may fetch for it.
   */
  requires?: string[];
}
