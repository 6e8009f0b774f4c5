import * as React from 'react';

/** The only markup renderAttribution writes (src/core/attribution/renderAttribution.ts). */
const ALLOWED = new Set(['P', 'A', 'BR', 'EM', 'STRONG']);

/**
 * The footer's HTML rendered as the site will render it, without innerHTML: the markup is
 * parsed inert (DOMParser runs no script and loads nothing), and only <p>, <a href="http(s)…">,
 * <br>, <em> and <strong> are rebuilt as React elements; every text reaches the page through
 * React, escaped. The server already escapes what editors typed; this keeps it so even if a
 * future footer did not.
 */
export function FooterHtml({ html }: { html: string }) {
  const nodes = React.useMemo(() => {
    const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
    return [...body.childNodes].map((node, index) => rebuild(node, String(index)));
  }, [html]);
  return <div data-testid="colophon-preview-footer">{nodes}</div>;
}

function rebuild(node: Node, key: string): React.ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const children = [...element.childNodes].map((child, index) => rebuild(child, `${key}.${index}`));
  if (!ALLOWED.has(element.tagName)) return <React.Fragment key={key}>{children}</React.Fragment>;
  if (element.tagName === 'A') {
    const href = element.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) return <React.Fragment key={key}>{children}</React.Fragment>;
    return (
      <a key={key} href={href} rel="nofollow noopener noreferrer" target="_blank">
        {children}
      </a>
    );
  }
  if (element.tagName === 'BR') return <br key={key} />;
  return React.createElement(element.tagName.toLowerCase(), { key, style: element.tagName === 'P' ? { margin: '0 0 4px' } : undefined }, children);
}
