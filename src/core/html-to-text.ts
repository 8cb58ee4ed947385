import type { HtmlFacts, Link } from './email.ts';
import { decodeEntities } from './html-entities.ts';
import { linkHost } from './link-host.ts';

/**
 * HTML body → the text a reader sees, plus the facts junk hides in it (hidden text, images, forms,
 * where links really go). No DOM: the core runs in Node too, and a DOM would load remote content
 * and spend unbounded time on hostile markup. One left-to-right pass over the string; every scan
 * either moves the cursor forward or stops at the end, so time is linear in the input.
 */
export interface HtmlText extends HtmlFacts {
  text: string;
  links: Link[];
  /** True when the text was cut at `maxChars`. */
  truncated: boolean;
}

export interface HtmlToTextOptions {
  /** Characters of text kept (default 100,000). */
  maxChars?: number;
  /** Links kept (default 200). */
  maxLinks?: number;
  /** Tags read (default 20,000); the rest of the page is dropped as truncated. */
  maxTags?: number;
}

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param',
  'source', 'track', 'wbr',
]);

// Never shown: their content is code or metadata. (Text inside <head> that is not in one of these
// is shown by browsers, which move it into the body, so <head> itself is not dropped.)
const DROPPED = ['script', 'style', 'title', 'template', 'xml'];
const DROPPED_END = new Map(DROPPED.map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

// Elements that start on a new line; the value is how many line breaks separate them.
const BLOCK = new Map<string, number>([
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'ul', 'ol', 'pre'].map(
    (name): [string, number] => [name, 2],
  ),
  ...[
    'address', 'article', 'aside', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
    'figure', 'footer', 'form', 'header', 'hr', 'li', 'main', 'nav', 'section', 'tr', 'caption',
    'option', 'tbody', 'thead', 'tfoot', 'body',
  ].map((name): [string, number] => [name, 1]),
]);

// A new <li> closes an open <li>, and so on: HTML's implied end tags, for the common cases.
const SELF_CLOSING_SIBLINGS = new Set(['li', 'p', 'td', 'th', 'tr', 'option', 'dt', 'dd']);

// How far down the open-element stack an end tag looks for its start tag. A bound keeps stray
// end tags under 10,000 open elements linear; real mail never misnests deeper than this.
const END_TAG_SEARCH = 32;

const MAX_LINK_TEXT = 200;

// Real mail, even a long newsletter, has a few thousand tags; 100,000 unclosed <div>s cost ~100 ms.
const MAX_TAGS = 20_000;

// Zero-width and soft-hyphen chars split words for the eye-less reader (a filter) only.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

interface OpenElement {
  name: string;
  /** Hides its whole subtree, whatever descendants say (display:none, opacity:0, ...). */
  hides: boolean;
  /** Inherited, and a descendant may undo them: font-size and visibility. */
  tinyFont: boolean;
  invisible: boolean;
}

interface Tag {
  name: string;
  attributes: Map<string, string>;
  selfClosing: boolean;
  /** Index just past the tag's '>' (or the input's end). */
  end: number;
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): HtmlText {
  const maxChars = options.maxChars ?? 100_000;
  const maxLinks = options.maxLinks ?? 200;
  const maxTags = options.maxTags ?? MAX_TAGS;
  let tags = 0;

  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  let pendingSpace = false;
  let pendingBreaks = 0;

  const links: Link[] = [];
  let linkText: string[] | null = null;
  let linkTextLength = 0;
  let openLink: Link | null = null;

  const facts: HtmlFacts = { images: 0, hiddenChars: 0, forms: 0, visibleChars: 0 };
  const stack: OpenElement[] = [];
  // Number of open elements that hide their subtree.
  let hidingDepth = 0;
  const isHidden = (): boolean => {
    const top = stack[stack.length - 1];
    return hidingDepth > 0 || (top !== undefined && (top.tinyFont || top.invisible));
  };

  const lineBreak = (count: number): void => {
    pendingBreaks = Math.max(pendingBreaks, count);
  };

  const write = (word: string): void => {
    if (truncated) return;
    let separator = '';
    if (length > 0 && pendingBreaks > 0) separator = '\n'.repeat(pendingBreaks);
    else if (length > 0 && pendingSpace) separator = ' ';
    pendingBreaks = 0;
    pendingSpace = false;
    const room = maxChars - length - separator.length;
    if (room <= 0 || word.length > room) {
      truncated = true;
      if (room > 0) {
        parts.push(separator, word.slice(0, room));
        length += separator.length + room;
      }
      return;
    }
    parts.push(separator, word);
    length += separator.length + word.length;
  };

  const text = (raw: string): void => {
    const decoded = decodeEntities(raw);
    const visible = decoded.replace(INVISIBLE, '');
    const invisibleChars = decoded.length - visible.length;
    if (isHidden()) {
      facts.hiddenChars += nonSpaceLength(visible) + invisibleChars;
      return;
    }
    facts.hiddenChars += invisibleChars;
    const words = visible.split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      if (i > 0) pendingSpace = true;
      if (word === '') continue;
      facts.visibleChars += word.length;
      write(word);
      if (linkText && linkTextLength < MAX_LINK_TEXT) {
        linkText.push(word);
        linkTextLength += word.length + 1;
      }
    }
  };

  const closeLink = (): void => {
    if (openLink && linkText) openLink.text = linkText.join(' ').slice(0, MAX_LINK_TEXT);
    openLink = null;
    linkText = null;
    linkTextLength = 0;
  };

  const popTo = (index: number): void => {
    while (stack.length > index) {
      if (stack.pop()?.hides) hidingDepth--;
    }
  };

  const startTag = (tag: Tag): void => {
    const { name, attributes } = tag;
    const blockBreaks = BLOCK.get(name);
    if (blockBreaks !== undefined) lineBreak(blockBreaks);
    switch (name) {
      case 'br':
        pendingBreaks = Math.min(2, pendingBreaks + 1);
        break;
      case 'td':
      case 'th':
        pendingSpace = true;
        break;
      case 'img':
        facts.images++;
        break;
      case 'form':
        facts.forms++;
        break;
      case 'input': {
        const type = (attributes.get('type') ?? 'text').trim().toLowerCase();
        if (type === 'text' || type === 'password' || type === 'email') facts.forms++;
        break;
      }
      case 'a':
      case 'area': {
        if (name === 'a') closeLink();
        const href = attributes.get('href');
        if (href === undefined || links.length >= maxLinks) break;
        const cleaned = cleanHref(href);
        const link: Link = { href: cleaned, host: linkHost(cleaned), text: '' };
        links.push(link);
        if (name === 'a') {
          openLink = link;
          linkText = [];
        } else {
          link.text = decodeEntities(attributes.get('alt') ?? '').trim();
        }
        break;
      }
    }

    if (VOID.has(name) || tag.selfClosing) return;
    if (SELF_CLOSING_SIBLINGS.has(name) && stack[stack.length - 1]?.name === name) popTo(stack.length - 1);
    const style = readVisibility(attributes);
    const parent = stack[stack.length - 1];
    stack.push({
      name,
      hides: style.hides,
      tinyFont: style.tinyFont ?? parent?.tinyFont ?? false,
      invisible: style.invisible ?? parent?.invisible ?? false,
    });
    if (style.hides) hidingDepth++;
  };

  const endTag = (name: string): void => {
    const blockBreaks = BLOCK.get(name);
    if (blockBreaks !== undefined) lineBreak(blockBreaks);
    if (name === 'a') closeLink();
    const floor = Math.max(0, stack.length - END_TAG_SEARCH);
    for (let i = stack.length - 1; i >= floor; i--) {
      if (stack[i]?.name === name) {
        popTo(i);
        return;
      }
    }
    // No matching start tag nearby: ignore the stray end tag, as browsers do.
  };

  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) text(html.slice(i, textEnd));
    if (lt < 0) break;
    if (++tags > maxTags) {
      truncated = true;
      break;
    }

    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('!--', lt + 1)) {
      // Comments, including Outlook's <!--[if mso]> blocks, are never shown.
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const close = html.indexOf('>', lt + 2);
      i = close < 0 ? n : close + 1;
    } else if (next === 0x2f /* / */ && isAsciiLetter(html.charCodeAt(lt + 2))) {
      const nameEnd = scanName(html, lt + 2);
      const close = html.indexOf('>', nameEnd);
      endTag(html.slice(lt + 2, nameEnd).toLowerCase());
      i = close < 0 ? n : close + 1;
    } else if (isAsciiLetter(next)) {
      const tag = readTag(html, lt + 1);
      startTag(tag);
      i = tag.end;
      const dropEnd = DROPPED_END.get(tag.name);
      if (dropEnd && !tag.selfClosing) {
        // Skip the element's raw content; an unclosed <script> hides the rest, as browsers do.
        dropEnd.lastIndex = i;
        const match = dropEnd.exec(html);
        const close = match ? html.indexOf('>', match.index) : -1;
        i = close < 0 ? n : close + 1;
        endTag(tag.name);
      }
    } else {
      // A '<' that starts no tag is text.
      text('<');
      i = lt + 1;
    }
  }
  closeLink();

  return { text: parts.join(''), links, truncated, ...facts };
}

/** Reads a start tag from just after its '<'; attribute names are lower-cased, values decoded. */
function readTag(html: string, start: number): Tag {
  const n = html.length;
  const nameEnd = scanName(html, start);
  const name = html.slice(start, nameEnd).toLowerCase();
  const attributes = new Map<string, string>();
  let selfClosing = false;
  let j = nameEnd;
  while (j < n) {
    const c = html.charCodeAt(j);
    if (c === 0x3e /* > */) return { name, attributes, selfClosing, end: j + 1 };
    if (isSpace(c) || c === 0x2f /* / */) {
      selfClosing = c === 0x2f;
      j++;
      continue;
    }
    selfClosing = false;
    // Attribute name: up to whitespace, '=', '>' or '/', at least one char so j always advances.
    const attrStart = j;
    j++;
    while (j < n && !isNameStop(html.charCodeAt(j))) j++;
    const attrName = html.slice(attrStart, j).toLowerCase();
    while (j < n && isSpace(html.charCodeAt(j))) j++;
    let value = '';
    if (html.charCodeAt(j) === 0x3d /* = */) {
      j++;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      const quote = html.charCodeAt(j);
      if (quote === 0x22 || quote === 0x27) {
        const close = html.indexOf(quote === 0x22 ? '"' : "'", j + 1);
        const valueEnd = close < 0 ? n : close;
        value = html.slice(j + 1, valueEnd);
        j = close < 0 ? n : close + 1;
      } else {
        const valueStart = j;
        while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 0x3e) j++;
        value = html.slice(valueStart, j);
      }
    }
    // The first occurrence of an attribute wins, as in browsers.
    if (!attributes.has(attrName)) attributes.set(attrName, decodeEntities(value, true));
  }
  return { name, attributes, selfClosing, end: n };
}

export interface Visibility {
  /** The element and everything in it is hidden. */
  hides: boolean;
  /** The element's own font-size is too small to read; undefined when it sets none (inherits). */
  tinyFont: boolean | undefined;
  /** The element's own visibility is hidden; undefined when it sets none (inherits). */
  invisible: boolean | undefined;
}

/**
 * How an element's inline style and `hidden` attribute hide text: the usual ways junk hides filler
 * from the reader while a filter still reads it. font-size and visibility are inherited and a child
 * can undo them: responsive templates (MJML and the like) put font-size:0 on layout cells to kill
 * the gaps between inline blocks and set a real size on the text inside, which is not hiding.
 * Width/height 0 count only with overflow:hidden, because alone they do not hide text (and spacer
 * cells use them everywhere).
 */
export function readVisibility(attributes: ReadonlyMap<string, string>): Visibility {
  const style = attributes.get('style') ?? '';
  // Most tags set no style: skip the regexes.
  if (style === '' && !attributes.has('hidden')) return { hides: false, tinyFont: undefined, invisible: undefined };
  const s = style.toLowerCase().replace(/\s+/g, '');
  const visibility = /(?:^|;)visibility:([a-z]+)/.exec(s)?.[1];
  const fontSize = /(?:^|;)font-size:([0-9.]+)([a-z%]*)/.exec(s);
  const opacity = /(?:^|;)opacity:([0-9.]+)/.exec(s);
  const indent = /(?:^|;)text-indent:-([0-9.]+)/.exec(s);
  const hides =
    attributes.has('hidden') ||
    /(?:^|;)(?:display:none|mso-hide:all)/.test(s) ||
    (opacity !== null && Number.parseFloat(opacity[1] ?? '') < 0.05) ||
    (indent !== null && Number.parseFloat(indent[1] ?? '') >= 999) ||
    (/(?:^|;)overflow:hidden/.test(s) &&
      /(?:^|;)(?:max-)?(?:height|width):0(?:\.0*)?(?:px|pt|em|rem|%)?(?:;|!|$)/.test(s));
  return {
    hides,
    tinyFont: fontSize ? isTinyFont(Number.parseFloat(fontSize[1] ?? ''), fontSize[2] ?? '') : undefined,
    invisible: visibility === undefined ? undefined : visibility === 'hidden' || visibility === 'collapse',
  };
}

function isTinyFont(size: number, unit: string): boolean {
  if (Number.isNaN(size)) return false;
  if (size === 0) return true;
  if (unit === 'px' || unit === 'pt' || unit === '') return size < 2;
  if (unit === 'em' || unit === 'rem') return size < 0.15;
  if (unit === '%') return size < 15;
  return false;
}

/** Browsers strip leading/trailing whitespace and all tabs and newlines from a URL. */
function cleanHref(href: string): string {
  const joined = href.replace(/[\t\n\r]/g, '');
  // Index scan, not /\s+$/: a regex anchored at the end retries at every char of an inner run.
  let start = 0;
  let end = joined.length;
  while (start < end && joined.charCodeAt(start) <= 0x20) start++;
  while (end > start && joined.charCodeAt(end - 1) <= 0x20) end--;
  return joined.slice(start, end);
}

function nonSpaceLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0xa0) count++;
  }
  return count;
}

function scanName(html: string, start: number): number {
  let j = start;
  while (j < html.length && !isNameStop(html.charCodeAt(j))) j++;
  return j;
}

function isNameStop(c: number): boolean {
  return isSpace(c) || c === 0x3e /* > */ || c === 0x2f /* / */ || c === 0x3d; /* = */
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
