export interface ToolStatus {
  name: string;
  /** Debian/Ubuntu package that provides it; null: installed by npm (node 24). */
  package: string | null;
  found: string | null;
  problem: string | null;
}

export interface Host {
  isRoot: boolean;
  hasApt: boolean;
  osId: string;
  osLike: string;
  codename: string;
  hasBackports: boolean;
}

export interface AptPlan {
  packages: string[];
  addBookwormBackports: boolean;
}

export declare const GO_LINE: string;
export declare const GO_PACKAGE: string;
export declare const SQUID: string;
export declare const TINYPROXY: string;
export declare const NODE24: string;
export declare function goCandidates(env: NodeJS.ProcessEnv): string[];
export declare function installPlan(missing: readonly ToolStatus[], host: Host): { apt: AptPlan | null; npm: boolean; manual: string[] };
export declare function aptCommand(apt: AptPlan): string;
export declare function stopMessage(missing: readonly ToolStatus[], host: Host, context: { installTried: boolean }): string;
export declare function inspectTools(env: NodeJS.ProcessEnv, machine?: { platform?: string; arch?: string }): ToolStatus[];
export declare function inspectHost(): Host;
export declare function ensureTools(options: { checkOnly: boolean; env?: NodeJS.ProcessEnv; quiet?: boolean }): string;
