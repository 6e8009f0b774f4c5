import escapeHtml from 'escape-html';
import type { BlockNode } from './types';

/** Only web addresses become links or images: a `javascript:` URL in a block stays text. */
function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  return /^(https?:\/\/|\/(?!\/))/i.test(url.trim()) ? url.trim() : null;
}

function renderText(node: BlockNode): string {
  let html = escapeHtml(node.text ?? '');
  if (node.code) html = `<code>${html}</code>`;
  if (node.bold) html = `<strong>${html}</strong>`;
  if (node.italic) html = `<em>${html}</em>`;
  if (node.underline) html = `<u>${html}</u>`;
  if (node.strikethrough) html = `<s>${html}</s>`;
  return html;
}

function renderInline(nodes: readonly BlockNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'link') {
        const inner = renderInline(node.children);
        const href = safeUrl(node.url);
        return href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener">${inner}</a>` : inner;
      }
      return renderText(node);
    })
    .join('');
}

function renderBlock(node: BlockNode): string {
  switch (node.type) {
    case 'heading': {
      const level = Number.isInteger(node.level) && node.level! >= 1 && node.level! <= 6 ? node.level! : 2;
      return `<h${level}>${renderInline(node.children)}</h${level}>`;
    }
    case 'list': {
      const tag = node.format === 'ordered' ? 'ol' : 'ul';
      const items = (node.children ?? []).map((item) =>
        item.type === 'list' ? `<li>${renderBlock(item)}</li>` : `<li>${renderInline(item.children)}</li>`
      );
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${renderInline(node.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml((node.children ?? []).map((child) => child.text ?? '').join(''))}</code></pre>`;
    case 'image': {
      const src = safeUrl(node.image?.url);
      return src ? `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(node.image?.alternativeText ?? '')}"></figure>` : '';
    }
    default:
      return `<p>${renderInline(node.children)}</p>`;
  }
}

/**
 * HTML for the body of Strapi's blocks editor (paragraphs, headings, lists, quotes, code,
 * images, links and text marks), every text escaped with escape-html. Links and images keep
 * only http(s) and site-relative addresses; anything else renders as plain text, or not at all.
 * Unknown block types render as paragraphs of their text, so nothing the editor wrote is lost.
 */
export function renderBlocks(blocks: readonly BlockNode[] | null | undefined): string {
  if (!Array.isArray(blocks)) return '';
  return blocks.map(renderBlock).join('\n');
}
