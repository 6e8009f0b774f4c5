import { Parser } from 'htmlparser2';

export interface PlainTextOptions {
  /**
   * `lines` (default) keeps line breaks: `<br>` is one, the end of a paragraph or another
   * block is a blank line, and newlines written in the source stay (WordPress stores comments
   * and classic posts with bare newlines and adds the `<p>` only on display, in wpautop).
   * `inline` makes every run of whitespace one space, for a one-line excerpt.
   */
  whitespace?: 'lines' | 'inline';
}

const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'tr', 'figure', 'figcaption', 'section', 'article', 'header', 'footer', 'hr', 'dd', 'dt',
]);
// Their content is code or metadata, never text a reader saw.
const SILENT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object']);

/**
 * The text a reader sees in a fragment of WordPress HTML: tags dropped, character references
 * decoded (HTML's named and numeric references, as a browser decodes them, through
 * htmlparser2), scripts and styles left out, trimmed. Never throws; a non-string gives "".
 */
export function toPlainText(html: unknown, options: PlainTextOptions = {}): string {
  if (typeof html !== 'string' || html === '') return '';
  let text = '';
  let silent = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SILENT_ELEMENTS.has(name)) silent += 1;
        else if (name === 'br') text += '\n';
        else if (BLOCK_ELEMENTS.has(name)) text += '\n\n';
      },
      onclosetag(name) {
        if (SILENT_ELEMENTS.has(name)) silent = Math.max(0, silent - 1);
        else if (BLOCK_ELEMENTS.has(name)) text += '\n\n';
      },
      ontext(chunk) {
        if (silent === 0) text += chunk;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();

  // Only the whitespace HTML collapses: a no-break space before ":" or "»" is French
  // typography the reader saw.
  if (options.whitespace === 'inline') return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
