// Where each module variable's value comes from: go-semantics.md §1 (src/cmd/go/internal/cfg/cfg.go
// Getenv, initEnvCache, EnvOrAndChanged) plus the action's own two layers (its input and its
// env-file), which it exports into the job environment and so rank like the process environment.

export type ValueSource = 'input' | 'env' | 'env-file' | 'go-env-file' | 'goroot-go.env' | 'go-default' | 'from-GOPRIVATE' | 'unset';

/**
 * One variable's candidate values. undefined = not present in that layer. For the two go files,
 * a key present with an EMPTY value is significant ('' is kept, see resolveVariable).
 */
export interface ValueLayers {
  input?: string;
  env?: string;
  envFile?: string;
  userEnvFile?: string;
  gorootEnvFile?: string;
}

export interface Resolved {
  value: string;
  source: ValueSource;
}

export const MODULE_VARIABLES = ['GOPROXY', 'GONOPROXY', 'GONOSUMDB', 'GOPRIVATE', 'GOSUMDB', 'GOFLAGS', 'GOINSECURE', 'GOTOOLCHAIN'] as const;

/** The values $GOROOT/go.env ships with (go1.21+); stand-ins when no go.env can be read. */
export const GO_DEFAULTS = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
  GOTOOLCHAIN: 'auto',
} as const satisfies Record<string, string>;

/**
 * The value the go command sees for one variable:
 * 1. the action input, the process environment, the action's env-file: the first NON-EMPTY one
 *    (cfg.Getenv: an empty process variable is the same as unset);
 * 2. otherwise the user config file if it has the key — even with an empty value: the user file
 *    and go.env fill one map and go.env never overwrites a key the user file has (initEnvCache;
 *    observed with go1.23.5: `GOPROXY=` in $GOENV makes `go env GOPROXY` print "");
 * 3. otherwise $GOROOT/go.env if it has the key;
 * 4. otherwise the builtin default passed in (only meant for "no go.env could be read"), else ''.
 */
export function resolveVariable(name: string, layers: ValueLayers, builtinDefaults: Record<string, string>): Resolved {
  if (layers.input !== undefined && layers.input !== '') return { value: layers.input, source: 'input' };
  if (layers.env !== undefined && layers.env !== '') return { value: layers.env, source: 'env' };
  if (layers.envFile !== undefined && layers.envFile !== '') return { value: layers.envFile, source: 'env-file' };
  if (layers.userEnvFile !== undefined) return { value: layers.userEnvFile, source: 'go-env-file' };
  if (layers.gorootEnvFile !== undefined) return { value: layers.gorootEnvFile, source: 'goroot-go.env' };
  const fallback = Object.hasOwn(builtinDefaults, name) ? builtinDefaults[name] : undefined;
  if (fallback !== undefined && fallback !== '') return { value: fallback, source: 'go-default' };
  return { value: '', source: 'unset' };
}

/**
 * Resolve every variable that has layers (and all MODULE_VARIABLES), then apply cfg.go's
 * defaulting: GONOPROXY and GONOSUMDB take GOPRIVATE's value when they resolve to "" (unset or
 * empty; source 'from-GOPRIVATE'). `builtinDefaults` stands in for $GOROOT/go.env: pass {} when
 * go.env was read (its values belong in the gorootEnvFile layers).
 */
export function resolveModuleEnv(layers: Record<string, ValueLayers>, builtinDefaults: Record<string, string> = { ...GO_DEFAULTS }): Record<string, Resolved> {
  const names = new Set<string>([...MODULE_VARIABLES, ...Object.keys(layers)]);
  const resolved: Record<string, Resolved> = {};
  for (const name of names) resolved[name] = resolveVariable(name, layers[name] ?? {}, builtinDefaults);
  const goprivate = resolved['GOPRIVATE'];
  for (const name of ['GONOPROXY', 'GONOSUMDB']) {
    const current = resolved[name];
    if (current !== undefined && current.value === '' && goprivate !== undefined && goprivate.value !== '') {
      resolved[name] = { value: goprivate.value, source: 'from-GOPRIVATE' };
    }
  }
  return resolved;
}
