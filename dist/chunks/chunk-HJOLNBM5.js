import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  redactProxyList
} from "./chunk-2UNGG542.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/config/inputValues.ts
var InputError = class extends Error {
  constructor(input, value, reason, fix) {
    super(`Input '${input}' has the invalid value '${redactProxyList(value)}': ${reason}. ${fix}`);
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
  for (const line of lines) {
    if (joined === "" || /[,|]$/.test(joined) || /^[,|]/.test(line)) joined += line;
    else joined += `,${line}`;
  }
  return joined.split(/([,|])/).map((part) => part.trim()).join("");
}
__name(normaliseProxyListInput, "normaliseProxyListInput");
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
function parsePositiveSeconds(input, value, max) {
  const trimmed = value.trim();
  const seconds = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > max) {
    throw new InputError(input, value, `expected a number of seconds greater than 0 and at most ${max}`, `Set '${input}' to a number such as 10.`);
  }
  return seconds;
}
__name(parsePositiveSeconds, "parsePositiveSeconds");
function rejectControlCharacters(input, value) {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    throw new InputError(input, value.replace(/[\u0000-\u001f\u007f]/g, "?"), "it contains a control character", `Remove control characters from '${input}'.`);
  }
}
__name(rejectControlCharacters, "rejectControlCharacters");
function parseAttempts(input, value, max = 10) {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > max) {
    throw new InputError(input, value, `expected a whole number from 1 to ${max}`, `Set '${input}' to a number such as 3.`);
  }
  return Number(trimmed);
}
__name(parseAttempts, "parseAttempts");

export {
  InputError,
  normalisePatternListInput,
  normaliseProxyListInput,
  parseChoice,
  parseBoolean,
  parsePositiveSeconds,
  rejectControlCharacters,
  parseAttempts
};
