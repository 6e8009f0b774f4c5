import { normalizeWebUrl } from './normalizeWebUrl';

/**
 * The value as a link target, or null: an absolute http(s) URL with a host and no
 * credentials, in the form normalizeWebUrl stores (the WHATWG URL Standard's serialisation,
 * plain ASCII). Everything else (javascript:, data:, relative, malformed, a bare host name)
 * must never become a link. Used when rendering, so a value stored before the rule existed
 * is shown in the same safe form as one stored since.
 */
export function toHttpUrl(value: unknown): string | null {
  return normalizeWebUrl(value, { completeScheme: false }).url;
}
