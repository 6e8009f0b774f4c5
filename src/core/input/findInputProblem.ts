export interface InputLimits {
  /** Deepest nesting of objects and arrays accepted, counting the top level as 1. */
  maxDepth: number;
}

export interface InputProblem {
  /** Where, as a path of keys and indexes from the top: ['filters', 'title', '$eq']. */
  path: Array<string | number>;
  message: string;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxDepth: 32 };

// With the u flag a regular expression reads code points, so a well-formed pair is one
// astral character and only a surrogate standing alone is in the category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The first thing in a decoded request value (query or body) that no field of Colophon can
 * hold, or null: a NUL character (PostgreSQL refuses it in text, and nothing legitimate sends
 * one); a string that is not well-formed Unicode, that is, one holding a surrogate code unit
 * that is not half of a pair (JSON lets `"\ud800"` through, RFC 8259 §8.2, and a database
 * would store it as U+FFFD or three bytes of garbage; ECMAScript's String.prototype.isWellFormed
 * is the same test); or nesting deeper than `limits.maxDepth` (Strapi's own parsers and validators recurse
 * on it: 5 000 nested arrays overflowed the stack). Walks with an explicit stack, so its own
 * depth is bounded whatever the input, and stops at the first problem.
 */
export function findInputProblem(value: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS): InputProblem | null {
  const stack: Array<{ value: unknown; path: Array<string | number>; depth: number }> = [{ value, path: [], depth: 1 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { path, message: 'must not contain a NUL character' };
      const lone = LONE_SURROGATE.exec(current);
      if (lone) {
        const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
        return { path, message: `is not well-formed Unicode (a lone surrogate U+${code} at character ${lone.index})` };
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > limits.maxDepth) return { path, message: `is nested deeper than ${limits.maxDepth} levels` };
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current as Record<string, unknown>);
    for (const [key, item] of entries) {
      if (typeof key === 'string' && key.includes('\u0000')) return { path: [...path, key], message: 'has a NUL character in a key' };
      if (typeof key === 'string' && LONE_SURROGATE.test(key)) return { path: [...path, key], message: 'has a lone surrogate in a key' };
      stack.push({ value: item, path: [...path, key], depth: depth + 1 });
    }
  }
  return null;
}
