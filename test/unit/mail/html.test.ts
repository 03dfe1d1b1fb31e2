import { escapeHtml, linkifyText, safeHref } from '../../../functions/shared/html';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('leaves other text, accents included, alone', () => {
    expect(escapeHtml('Café – thema’s')).toBe('Café – thema’s');
  });
});

describe('safeHref', () => {
  it('escapes an http(s) link for use in an attribute', () => {
    expect(safeHref('https://destek.local/a?x=1&y="2"')).toBe('https://destek.local/a?x=1&amp;y=&quot;2&quot;');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', '/relatief/pad', 'niet een url'])('refuses %s', (url) => {
    expect(() => safeHref(url)).toThrow();
  });
});

describe('linkifyText', () => {
  it('links web and webcal addresses, escapes the rest, and leaves sentence punctuation outside the link', () => {
    expect(linkifyText('Abonneer je <hier>: webcal://destek.local/feed/abc.ics. Of https://destek.local/x?a=1&b=2!')).toBe(
      'Abonneer je &lt;hier&gt;: <a href="webcal://destek.local/feed/abc.ics">webcal://destek.local/feed/abc.ics</a>. ' +
        'Of <a href="https://destek.local/x?a=1&amp;b=2">https://destek.local/x?a=1&amp;b=2</a>!',
    );
  });

  it('returns escaped text when there is no address', () => {
    expect(linkifyText('Geen link <b>hier</b>')).toBe('Geen link &lt;b&gt;hier&lt;/b&gt;');
  });
});
