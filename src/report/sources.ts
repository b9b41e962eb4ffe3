// Human wording for where a value came from, used by the summary.

import type { ValueSource } from '../go/precedence.js';
import type { CollectedSettings } from '../config/collect.js';
import { INPUT_FOR_VARIABLE } from '../config/readInputs.js';

export function describeSource(source: ValueSource, variable: string, settings: CollectedSettings): string {
  switch (source) {
    case 'input':
      return `input \`${INPUT_FOR_VARIABLE[variable as keyof typeof INPUT_FOR_VARIABLE] ?? variable.toLowerCase()}\``;
    case 'env':
      return 'job environment';
    case 'env-file':
      return `env-file \`${settings.envFile?.file ?? ''}\``;
    case 'go-env-file':
      return `go env -w file (${settings.userEnvFile ?? 'GOENV'})`;
    case 'goroot-go.env':
      return `$GOROOT/go.env (${settings.gorootEnvFile ?? 'go.env'})`;
    case 'go-default':
      return "Go's built-in default";
    case 'from-GOPRIVATE':
      return 'derived from GOPRIVATE';
    case 'unset':
      return 'unset';
  }
}
