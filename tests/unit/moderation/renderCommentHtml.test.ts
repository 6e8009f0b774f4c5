import { renderCommentHtml } from '../../../src/core/moderation';

describe('renderCommentHtml', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(renderCommentHtml('Bonjour,\nmerci.\n\n\nÀ bientôt')).toBe('<p>Bonjour,<br>merci.</p>\n<p>À bientôt</p>');
  });

  it('handles Windows line endings and whitespace-only lines', () => {
    expect(renderCommentHtml('a\r\nb\r\n  \r\nc')).toBe('<p>a<br>b</p>\n<p>c</p>');
  });

  it('escapes every piece of reader markup', () => {
    const html = renderCommentHtml('<script>alert(1)</script> <img src=x onerror="alert(1)"> & \'q\'');
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;</p>',
    );
  });

  it('autolinks http(s) and www. links with nofollow ugc', () => {
    expect(renderCommentHtml('voir https://example.org/a?b=1&c=2 et www.example.net.')).toBe(
      '<p>voir <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>' +
        ' et <a href="http://www.example.net" rel="nofollow ugc noopener">www.example.net</a>.</p>',
    );
  });

  it('never produces a javascript: or data: link', () => {
    const html = renderCommentHtml('javascript:alert(1) data:text/html;base64,PHNjcmlwdD4= [x](javascript:alert(1))');
    expect(html).not.toContain('<a');
    expect(renderCommentHtml('<a href="javascript:alert(1)">x</a>')).not.toContain('<a ');
  });

  it('cannot be broken out of the href by a quote in the url', () => {
    const html = renderCommentHtml('https://example.org/"onmouseover="alert(1)');
    expect(html).not.toMatch(/"onmouseover/);
  });

  it('drops control characters and renders nothing for an empty body', () => {
    expect(renderCommentHtml('a\u0000b')).toBe('<p>ab</p>');
    expect(renderCommentHtml('  \n\n  ')).toBe('');
  });
});
