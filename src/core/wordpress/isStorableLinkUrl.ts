import { normalizeBlockLinks } from '../attribution/normalizeBlockLinks';

// Strapi's own rule for a link node's `url` (@strapi/core, dist/services/entity-validator/
// blocks-validator.js, `checkValidLink`): a path beginning with "/" or a URL the WHATWG parser
// reads with one of these schemes. "#notes", "../page" and "page.html" are refused there.
const STRAPI_LINK_PROTOCOLS = new Set(['http:', 'https:', 'ftp:', 'mailto:', 'tel:']);

function passesStrapi(url: string): boolean {
  try {
    const parsed = new URL(url.startsWith('/') ? `https://strapi.io${url}` : url);
    return STRAPI_LINK_PROTOCOLS.has(parsed.protocol);
  } catch {
    return false;
  }
}

/**
 * Whether `url` (trimmed) can be stored as a link node's `url` in Colophon: Strapi's blocks
 * validation accepts it (a "/"-path, or http, https, ftp, mailto, tel) and so does Colophon's
 * own link rule (normalizeBlockLinks, which refuses ftp:, credentials and blanks inside).
 * A link that fails either would make the whole article fail to save, so the converter keeps
 * its text and drops the link instead.
 */
export function isStorableLinkUrl(url: string): boolean {
  if (url === '' || !passesStrapi(url)) return false;
  return normalizeBlockLinks([{ type: 'link', url, children: [] }]).problem === null;
}
