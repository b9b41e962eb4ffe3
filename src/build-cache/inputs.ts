// The build-cache inputs (build-cache, build-cache-save, build-cache-key), read and checked here
// so a bad value stops the step with a message that names the input, before any work.

import * as core from '@actions/core';
import { InputError, parseBoolean, parseChoice } from '../config/inputValues.js';
import { excerpt } from '../report/bounds.js';
import type { SaveMode } from '../cache/saveMode.js';

export interface BuildCacheInputs {
  enabled: boolean;
  save: SaveMode;
  /** The build-cache-key words, normalised (single spaces); '' when none. */
  keyWords: string;
}

export const BUILD_CACHE_KEY_MAX_CHARS = 256;

/** `build-cache-key`: words separated by spaces, commas or newlines, printable, bounded. */
export function parseKeyWords(raw: string): string {
  if (raw.length > BUILD_CACHE_KEY_MAX_CHARS) {
    throw new InputError('build-cache-key', excerpt(raw, 60), `it is ${raw.length} characters long, more than ${BUILD_CACHE_KEY_MAX_CHARS}`, 'Give a few short words that tell matrix legs apart, e.g. "tags-netgo race".');
  }
  for (const c of raw) {
    const code = c.codePointAt(0) ?? 0;
    if ((code < 0x20 && c !== '\n' && c !== '\r' && c !== '\t') || code === 0x7f) {
      throw new InputError('build-cache-key', raw.replace(/[\u0000-\u001f\u007f]/g, '?'), 'it contains a control character', "Remove control characters from 'build-cache-key'.");
    }
  }
  return raw.split(/[\s,]+/).filter((word) => word !== '').join(' ');
}

export function readBuildCacheInputs(getInput: (name: string) => string = (name) => core.getInput(name)): BuildCacheInputs {
  const bounded = (name: string): string => {
    const value = getInput(name);
    // A flag or a choice is a few characters: never quote a flood back.
    return value.length > 64 ? excerpt(value, 64) : value;
  };
  return {
    enabled: parseBoolean('build-cache', bounded('build-cache') || 'true'),
    save: parseChoice('build-cache-save', bounded('build-cache-save') || 'default-branch', ['default-branch', 'always', 'auto', 'never'] as const),
    keyWords: parseKeyWords(getInput('build-cache-key')),
  };
}
