import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  displayText,
  displayValue
} from "./chunk-U5PTCI5V.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/config/inputValues.ts
var SECRET_INPUTS = /* @__PURE__ */ new Set(["git-token", "netrc", "client-key"]);
var InputError = class extends Error {
  constructor(input, value, reason, fix, subject = `Input '${input}'`) {
    const quoted = SECRET_INPUTS.has(input) ? "an invalid value (not shown: it is a secret)" : `the invalid value '${displayValue(value)}'`;
    super(`${subject} has ${quoted}: ${displayText(reason)}. ${displayText(fix)}`);
    this.input = input;
    this.value = value;
    this.reason = reason;
    this.fix = fix;
    this.name = "InputError";
  }
  input;
  value;
  reason;
  fix;
  static {
    __name(this, "InputError");
  }
};
function normalisePatternListInput(value) {
  return value.split(/[,\n\r]/).map((element) => element.trim()).filter((element) => element !== "" && !element.startsWith("#")).join(",");
}
__name(normalisePatternListInput, "normalisePatternListInput");
function normaliseProxyListInput(value) {
  const lines = value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  let joined = "";
  let last = "";
  for (const line of lines) {
    if (joined === "" || last === "," || last === "|" || line.startsWith(",") || line.startsWith("|")) joined += line;
    else joined += `,${line}`;
    last = line[line.length - 1] ?? last;
  }
  return joined.split(/([,|])/).map((part) => part.trim()).join("");
}
__name(normaliseProxyListInput, "normaliseProxyListInput");
function joinLines(value) {
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < value.length) {
    if (!/\s/.test(value[i])) {
      i++;
      continue;
    }
    const start = i;
    let newline = false;
    while (i < value.length && /\s/.test(value[i])) {
      if (value[i] === "\n") newline = true;
      i++;
    }
    if (newline) {
      out += `${value.slice(copied, start)} `;
      copied = i;
    }
  }
  return copied === 0 ? value : out + value.slice(copied);
}
__name(joinLines, "joinLines");
function parseChoice(input, value, choices) {
  const lowered = value.trim().toLowerCase();
  const match = choices.find((choice) => choice === lowered);
  if (match === void 0) {
    throw new InputError(input, value, `expected one of ${choices.join(", ")}`, `Set '${input}' to one of: ${choices.join(", ")}.`);
  }
  return match;
}
__name(parseChoice, "parseChoice");
function parseBoolean(input, value) {
  const lowered = value.trim().toLowerCase();
  if (lowered === "true") return true;
  if (lowered === "false") return false;
  throw new InputError(input, value, "expected true or false", `Set '${input}' to true or false.`);
}
__name(parseBoolean, "parseBoolean");
function isPlainDecimal(text, allowFraction) {
  let digits = 0;
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 46 && allowFraction && dot < 0 && i > 0) dot = i;
    else return false;
  }
  return digits > 0 && dot !== text.length - 1;
}
__name(isPlainDecimal, "isPlainDecimal");
function parsePositiveSeconds(input, value, max) {
  const seconds = isPlainDecimal(value, true) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= max)) {
    throw new InputError(input, value, `expected a plain decimal number of seconds greater than 0 and at most ${max} (digits only, no spaces, sign or prefix)`, `Set '${input}' to a number such as 10.`);
  }
  return seconds;
}
__name(parsePositiveSeconds, "parsePositiveSeconds");
function rejectControlCharacters(input, value, allowNewlines = true) {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const newline = code === 10 || code === 13;
    if (code < 32 && code !== 9 && !newline || code === 127 || newline && !allowNewlines || code === 9 && !allowNewlines) {
      const where = code === 10 || code === 13 ? "a line break" : code === 9 ? "a tab" : `the control character ${JSON.stringify(String.fromCharCode(code))}`;
      throw new InputError(input, value, `it contains ${where} (at character ${i + 1})`, `Remove control characters from '${input}'${allowNewlines ? "" : "; it is a single value on one line"}.`);
    }
  }
}
__name(rejectControlCharacters, "rejectControlCharacters");
function parseAttempts(input, value, max = 10) {
  const attempts = isPlainDecimal(value, false) ? Number(value) : Number.NaN;
  if (!(attempts >= 1 && attempts <= max)) {
    throw new InputError(input, value, `expected a whole number from 1 to ${max} (digits only, no spaces, sign or prefix)`, `Set '${input}' to a number such as 3.`);
  }
  return attempts;
}
__name(parseAttempts, "parseAttempts");
var CACHE_KEY_PREFIX_CHARACTERS = "letters A-Z and a-z, digits 0-9, and . _ + -";
var CACHE_KEY_PREFIX_MAX_CHARS = 100;
function parseCacheKeyPrefix(input, value) {
  if (value.length > CACHE_KEY_PREFIX_MAX_CHARS) {
    throw new InputError(input, value, `it has ${value.length} characters; a cache key prefix has at most ${CACHE_KEY_PREFIX_MAX_CHARS}`, `Use a short prefix such as 'setup-goproxy-gomod-v2'.`);
  }
  for (const char of value) {
    const code = char.charCodeAt(0);
    const allowed = code >= 48 && code <= 57 || code >= 65 && code <= 90 || code >= 97 && code <= 122 || char === "." || char === "_" || char === "+" || char === "-";
    if (!allowed) {
      throw new InputError(input, value, `it contains ${JSON.stringify(char)}; a cache key prefix may contain only ${CACHE_KEY_PREFIX_CHARACTERS}`, `Use a prefix such as 'setup-goproxy-gomod-v2' (no spaces, '/', quotes or shell syntax).`);
    }
  }
  return value;
}
__name(parseCacheKeyPrefix, "parseCacheKeyPrefix");

export {
  InputError,
  normalisePatternListInput,
  normaliseProxyListInput,
  joinLines,
  parseChoice,
  parseBoolean,
  parsePositiveSeconds,
  rejectControlCharacters,
  parseAttempts,
  parseCacheKeyPrefix
};
