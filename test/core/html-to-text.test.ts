import { describe, expect, test } from 'vitest';
import { decodeEntities } from '../../src/core/html-entities.ts';
import { htmlToText, readVisibility } from '../../src/core/html-to-text.ts';

describe('htmlToText text', () => {
  test.each([
    ['plain words', 'hello   world', 'hello world'],
    ['paragraphs become blank lines', '<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['divs become lines', '<div>one</div><div>two</div>', 'one\ntwo'],
    ['br breaks a line', 'one<br>two<br/><br>three', 'one\ntwo\n\nthree'],
    ['table cells are spaced', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\nc'],
    ['inline tags join', 'we<b>ll</b> <i>done</i>', 'well done'],
    ['drops script', 'a<script>var s = "<p>x</p>";</script>b', 'ab'],
    ['drops style', '<style>p { color: red }</style>text', 'text'],
    ['drops title', '<head><title>The title</title></head><body>body</body>', 'body'],
    ['drops comments and Outlook conditionals', 'a<!-- hidden --><!--[if mso]>x<![endif]-->b', 'ab'],
    ['drops doctype and processing instructions', '<!DOCTYPE html><?xml version="1.0"?>ok', 'ok'],
    ['decodes entities', 'Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#x27; caf&eacute; &euro;5', 'Tom & Jerry <3 "hi" \'x\' café €5'],
    ['nbsp collapses like space', 'a&nbsp;&nbsp;b', 'a b'],
    ['a stray < is text', 'a < b and 1<2', 'a < b and 1<2'],
    ['unclosed script hides the rest', 'shown<script>never shown', 'shown'],
    ['zero-width chars are removed', 'fr\u200bee mo&#8203;ney', 'free money'],
    ['upper-case tags', '<P>one</P><DIV>two</DIV>', 'one\n\ntwo'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html).text).toBe(expected);
  });
});

describe('htmlToText hidden text', () => {
  test.each([
    ['display:none', '<div style="display:none">secret</div>shown', 6],
    ['display : none with spaces and !important', '<div style="DISPLAY : none !important">secret</div>shown', 6],
    ['visibility:hidden', '<span style="visibility:hidden">secret</span>shown', 6],
    ['font-size:0', '<span style="font-size:0">secret</span>shown', 6],
    ['font-size:1px', '<span style="font-size:1px">secret</span>shown', 6],
    ['opacity:0', '<span style="opacity:0">secret</span>shown', 6],
    ['height 0 with overflow hidden', '<div style="max-height:0;overflow:hidden">secret</div>shown', 6],
    ['hidden attribute', '<p hidden>secret</p>shown', 6],
    ['nested inside a hidden element', '<div style="display:none"><p>sec<b>ret</b></p></div>shown', 6],
    ['zero-width chars count as hidden', 'sh\u200bown', 1],
  ])('%s', (_name, html, hiddenChars) => {
    const result = htmlToText(html);
    expect(result.text).toBe('shown');
    expect(result.hiddenChars).toBe(hiddenChars);
    expect(result.visibleChars).toBe(5);
  });

  test.each([
    ['a normal font size', 'font-size:14px'],
    ['height 0 alone', 'height:0'],
    ['display block', 'display:block'],
    ['opacity 1', 'opacity:1'],
  ])('does not hide %s', (_name, style) => {
    expect(readVisibility(new Map([['style', style]]))).toMatchObject({ hides: false });
    expect(htmlToText(`<div style="${style}">shown</div>`).text).toBe('shown');
  });

  test.each([
    ['a font size set inside a font-size:0 layout cell', '<td style="font-size:0px"><div style="font-size:14px">shown</div></td>'],
    ['visibility:visible inside visibility:hidden', '<div style="visibility:hidden"><p style="visibility:visible">shown</p></div>'],
  ])('a child can undo %s', (_name, html) => {
    const result = htmlToText(html);
    expect(result.text).toBe('shown');
    expect(result.hiddenChars).toBe(0);
  });

  test('a child cannot undo display:none', () => {
    expect(htmlToText('<div style="display:none"><p style="display:block">secret</p></div>').text).toBe('');
  });

  test('text after a closed hidden element is visible again', () => {
    const result = htmlToText('<div><span style="display:none">a</span>b</div>c');
    expect(result.text).toBe('b\nc');
    expect(result.hiddenChars).toBe(1);
  });
});

describe('htmlToText links, images and forms', () => {
  test('reads anchors with their visible text and host', () => {
    const { links } = htmlToText(
      '<a href="https://Shop.Example.com:8443/a?x=1&amp;y=2">Your <b>order</b></a> <a href=http://10.0.0.1/p>www.bank.com</a>',
    );
    expect(links).toEqual([
      { href: 'https://Shop.Example.com:8443/a?x=1&y=2', host: 'shop.example.com', text: 'Your order' },
      { href: 'http://10.0.0.1/p', host: '10.0.0.1', text: 'www.bank.com' },
    ]);
  });

  test.each([
    ['spaces and newlines around and inside the href', '<a href="  https://ex\nample.com/x  ">t</a>', 'https://example.com/x', 'example.com'],
    ['entity-encoded href', '<a href="https&#58;//evil&#46;example/">t</a>', 'https://evil.example/', 'evil.example'],
    ['single-quoted href', "<a href='mailto:a@b.c'>t</a>", 'mailto:a@b.c', ''],
    ['a query &copy= stays as written', '<a href="https://x.example/?a=1&copy=2">t</a>', 'https://x.example/?a=1&copy=2', 'x.example'],
  ])('cleans an href: %s', (_name, html, href, host) => {
    expect(htmlToText(html).links[0]).toMatchObject({ href, host });
  });

  test('an unclosed anchor is closed by the next one', () => {
    const { links } = htmlToText('<a href="https://a.example">first <a href="https://b.example">second</a>');
    expect(links.map((link) => link.text)).toEqual(['first', 'second']);
  });

  test('counts images and forms with text and password inputs', () => {
    const result = htmlToText(
      '<img src="a.png"><img src="b.png"><form action="x"><input name="u"><input type="password"><input type="hidden"><input type="submit"></form>',
    );
    expect(result.images).toBe(2);
    expect(result.forms).toBe(3);
  });

  test('caps links at maxLinks', () => {
    const html = '<a href="https://x.example/">x</a>'.repeat(500);
    expect(htmlToText(html, { maxLinks: 200 }).links).toHaveLength(200);
  });

  test('caps text at maxChars and says so', () => {
    const result = htmlToText('word '.repeat(10_000), { maxChars: 1000 });
    expect(result.text.length).toBeLessThanOrEqual(1000);
    expect(result.truncated).toBe(true);
    expect(result.visibleChars).toBe(40_000);
  });
});

describe('htmlToText on hostile markup', () => {
  const cases: [string, string][] = [
    ['10,000 nested divs', '<div>'.repeat(10_000) + 'deep' + '</div>'.repeat(10_000)],
    ['100,000 unclosed tags', '<b '.repeat(100_000)],
    ['a 5 MB attribute with an unclosed quote', `<a href="${'x'.repeat(5_000_000)}`],
    ['200,000 stray end tags under 10,000 open elements', '<span>'.repeat(10_000) + '</p>'.repeat(200_000)],
    ['a 2 MB comment that never closes', '<!--' + 'y'.repeat(2_000_000)],
    ['500,000 entities', '&amp;&#65;&bogus;'.repeat(500_000)],
    ['a 1 MB style attribute', `<div style="${'color:red;'.repeat(100_000)}">t</div>`],
    ['whitespace runs inside an href', `<a href="http://x.example/${' '.repeat(1_000_000)}y">t</a>`],
  ];
  test.each(cases)('%s finishes in bounded time', (_name, html) => {
    const started = performance.now();
    htmlToText(html);
    expect(performance.now() - started).toBeLessThan(5000); // a bound against quadratic work, loose enough for a loaded CI machine
  });
});

describe('decodeEntities', () => {
  test.each([
    ['&#146;', '\u2019'],
    ['&#0;', '\ufffd'],
    ['&#x110000;', '\ufffd'],
    ['&#99999999999999999999;', '\ufffd'],
    ['&unknown;', '&unknown;'],
    ['&amp', '&'],
    ['&AMP;', '&'],
  ])('%s → %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });

  test('attribute values need the semicolon for named references', () => {
    expect(decodeEntities('a=1&amp=2&lt;', true)).toBe('a=1&amp=2<');
  });
});
