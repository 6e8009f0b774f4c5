// Every ASCII character that can open markup in CommonMark or GFM. CommonMark
// allows a backslash before any ASCII punctuation, so over-escaping is harmless.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+!|~&-]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`);
}

/** Makes a URL safe as a markdown link destination, where ( ) < > end or break it. */
export function escapeMarkdownUrl(url: string): string {
  return url.replace(/[()<>\\ ]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
