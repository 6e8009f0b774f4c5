import { LinkifyIt } from 'linkify-it';

export interface FoundLink {
  /** Offsets into the scanned text. */
  index: number;
  lastIndex: number;
  /** As the reader wrote it. */
  text: string;
  /** Always http: or https:, "www." links get "http://" prepended. */
  url: string;
}

// fuzzyLink would also match "node.js"-like words; we keep only explicit
// http(s) links and "www." hosts, the two forms spammers and readers use.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false })
  .add('ftp:', null)
  .add('mailto:', null)
  .add('//', null);

function isWanted(schema: string, raw: string, url: string): boolean {
  const explicit = schema.toLowerCase() === 'http:' || schema.toLowerCase() === 'https:';
  const bareWww = schema === '' && /^www\./i.test(raw);
  return (explicit || bareWww) && /^https?:\/\//i.test(url);
}

export function findLinks(text: string): FoundLink[] {
  const matches = linkify.match(text) ?? [];
  return matches
    .filter((match) => isWanted(match.schema, match.raw, match.url))
    .map((match) => ({ index: match.index, lastIndex: match.lastIndex, text: match.raw, url: match.url }));
}
