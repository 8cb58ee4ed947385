/**
 * HTML character references → text. Covers numeric references and the named ones mail actually
 * uses (Latin-1, typographic punctuation, a few symbols); an unknown name stays as written.
 */

// HTML 4's Latin-1 entity names, in code point order from U+00A0.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml';

const OTHERS: Record<string, number> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27,
  ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a,
  ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e, dagger: 0x2020, Dagger: 0x2021, bull: 0x2022,
  hellip: 0x2026, permil: 0x2030, prime: 0x2032, Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a,
  euro: 0x20ac, trade: 0x2122, larr: 0x2190, uarr: 0x2191, rarr: 0x2192, darr: 0x2193,
  harr: 0x2194, check: 0x2713, hearts: 0x2665, spades: 0x2660, clubs: 0x2663, diams: 0x2666,
  star: 0x2606, starf: 0x2605, OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161,
  Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc,
};

const NAMED = new Map<string, string>();
LATIN1.split(' ').forEach((name, i) => NAMED.set(name, String.fromCharCode(0xa0 + i)));
for (const [name, code] of Object.entries(OTHERS)) NAMED.set(name, String.fromCodePoint(code));

// Browsers decode these without the ';' in text (the HTML "legacy" names).
const LEGACY = new Set([...LATIN1.split(' '), 'amp', 'lt', 'gt', 'quot', 'AMP', 'LT', 'GT', 'QUOT']);
NAMED.set('AMP', '&').set('LT', '<').set('GT', '>').set('QUOT', '"');

// Numeric references 0x80-0x9F mean windows-1252, as in every browser: `&#146;` is an apostrophe.
const WINDOWS_1252 = [
  0x20ac, 0xfffd, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
  0x152, 0xfffd, 0x17d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0xfffd, 0x17e, 0x178,
];

/**
 * Decodes character references. In attribute values a named reference needs its ';' (so the
 * `&copy=1` of a URL query stays as written), as browsers do.
 *
 * A hand-written scan: a global regex with a replacer callback cost about a microsecond per
 * reference, over a second on a spam page made of entities.
 */
export function decodeEntities(text: string, inAttribute = false): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let copied = 0;
  while (amp >= 0) {
    const value = readReference(text, amp, inAttribute);
    if (value !== null) {
      out += text.slice(copied, amp) + value;
      copied = referenceEnd;
    }
    amp = text.indexOf('&', value !== null ? referenceEnd : amp + 1);
  }
  return out + text.slice(copied);
}

// Where the last reference read ended; a module variable rather than a result object, because
// this runs once per '&' in the page.
let referenceEnd = 0;

function readReference(text: string, amp: number, inAttribute: boolean): string | null {
  let i = amp + 1;
  if (text.charCodeAt(i) === 0x23 /* # */) {
    i++;
    const hex = text.charCodeAt(i) === 0x78 || text.charCodeAt(i) === 0x58; // x X
    if (hex) i++;
    const digitsStart = i;
    while (i < text.length && isDigit(text.charCodeAt(i), hex)) i++;
    if (i === digitsStart) return null;
    const code = parseCodePoint(text.slice(digitsStart, i), hex ? 16 : 10);
    referenceEnd = text.charCodeAt(i) === 0x3b /* ; */ ? i + 1 : i;
    return fromCodePoint(code);
  }
  const nameStart = i;
  while (i < text.length && i - nameStart < 32 && isAlphanumeric(text.charCodeAt(i))) i++;
  if (i === nameStart) return null;
  const value = NAMED.get(text.slice(nameStart, i));
  if (value === undefined) return null;
  if (text.charCodeAt(i) === 0x3b) {
    referenceEnd = i + 1;
    return value;
  }
  if (inAttribute || !LEGACY.has(text.slice(nameStart, i))) return null;
  referenceEnd = i;
  return value;
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)));
}

function isAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function parseCodePoint(digits: string, radix: number): number {
  // Long runs are out of range anyway; parsing them whole could overflow to Infinity.
  let start = 0;
  while (start < digits.length - 1 && digits[start] === '0') start++;
  return digits.length - start > 8 ? -1 : Number.parseInt(digits.slice(start), radix);
}

function fromCodePoint(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(WINDOWS_1252[code - 0x80] ?? 0xfffd);
  if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}
