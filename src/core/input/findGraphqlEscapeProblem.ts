export interface EscapeProblem {
  /** Where the escape starts in the document (its backslash), counted in UTF-16 code units. */
  index: number;
  message: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first escape in a GraphQL document's string literals that would put into a string what
 * no field of Colophon may hold, or null: `\u0000` or `\u{0}` (a NUL, which PostgreSQL
 * refuses in text), or a surrogate that is not one half of a `\uD83D\uDE00` pair (the string
 * would not be well-formed Unicode; GraphQL, October 2021 edition, §2.4.1 "String Value").
 * The document is scanned the way GraphQL's lexer reads it: comments and block strings hold
 * no escapes, and `\\u0000` is an escaped backslash followed by text. Raw characters need no
 * scanning here: the request body they arrive in is checked as a whole (findInputProblem).
 */
export function findGraphqlEscapeProblem(source: string): EscapeProblem | null {
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i += 1;
    } else if (source.startsWith('"""', i)) {
      i += 3;
      while (i < source.length && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
      i += 3;
    } else if (char === '"') {
      const problem = scanString(source, i + 1);
      if (typeof problem !== 'number') return problem;
      i = problem;
    } else {
      i += 1;
    }
  }
  return null;
}

/** Scans a "…" string from just after its opening quote; returns where it ends, or the problem. */
function scanString(source: string, start: number): number | EscapeProblem {
  let i = start;
  while (i < source.length && source[i] !== '"' && source[i] !== '\n' && source[i] !== '\r') {
    if (source[i] !== '\\') {
      i += 1;
      continue;
    }
    const escape = readUnicodeEscape(source, i);
    if (!escape) {
      i += 2;
      continue;
    }
    if (escape.code === 0) return { index: i, message: `must not contain a NUL character, escaped or not (${escape.text})` };
    if (isHigh(escape.code) && escape.fixedWidth) {
      const next = readUnicodeEscape(source, escape.end);
      if (next && next.fixedWidth && isLow(next.code)) {
        i = next.end;
        continue;
      }
    }
    if (isHigh(escape.code) || isLow(escape.code)) {
      return { index: i, message: `is not well-formed Unicode: ${escape.text} is a lone surrogate (${hex(escape.code)})` };
    }
    i = escape.end;
  }
  return i + 1;
}

function readUnicodeEscape(source: string, at: number): { code: number; end: number; text: string; fixedWidth: boolean } | null {
  if (source[at] !== '\\' || source[at + 1] !== 'u') return null;
  const variable = /^\{([0-9a-fA-F]+)\}/.exec(source.slice(at + 2, at + 12));
  if (variable) {
    const end = at + 2 + variable[0].length;
    return { code: parseInt(variable[1], 16), end, text: source.slice(at, end), fixedWidth: false };
  }
  const fixed = /^[0-9a-fA-F]{4}/.exec(source.slice(at + 2, at + 6));
  if (!fixed) return null;
  return { code: parseInt(fixed[0], 16), end: at + 6, text: source.slice(at, at + 6), fixedWidth: true };
}
