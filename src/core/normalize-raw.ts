/**
 * Raw bytes → the bytes the MIME parser sees. Removes what tells where a message was stored rather
 * than what it is (corpus README, "Artifacts"): a leading mbox `From ` line, Thunderbird's
 * `X-Mozilla-*` status lines, and CRLF line endings. Also bounds the work: the header block is cut
 * at `maxHeaderBytes` (first lines kept) and the whole message at `maxBytes`, so attachments past
 * the cap are dropped.
 */
export interface NormalizedRaw {
  /** LF line endings, no envelope lines, at most max(maxBytes, maxHeaderBytes) bytes. */
  bytes: Uint8Array;
  /** True when header lines or body bytes were dropped at a cap. */
  truncated: boolean;
}

export interface NormalizeLimits {
  maxBytes: number;
  maxHeaderBytes: number;
  /** Bytes kept of each text part's content (default 128 KB); other parts keep 1 KB. */
  maxPartBytes?: number;
  /** Body lines kept (default 4,000): the MIME parser's cost is per line. */
  maxBodyLines?: number;
  /** parseEmail's field cap; twice as many fields reach the parser (default: all that fit maxHeaderBytes). */
  maxHeaders?: number;
}

const DEFAULT_PART_BYTES = 128 * 1024;
const OTHER_PART_BYTES = 1024;
// postal-mime turns every line into a Blob part: about 10 µs a line in Node, so 8,000 lines of
// nested part headers cost 200 ms. Mail worth reading says what it is well within this.
const DEFAULT_BODY_LINES = 4000;
// Lines of one part's content: HTML comes in long lines and keeps its byte budget; 128 KB of short
// text lines (a digest, a spam filler) would be 2,400 of them.
const PART_LINES = 1000;
// Lines that may be boundaries, each a MIME part (and a Blob decoder) to the parser; the parser
// keeps 100 attachments at most. An empty boundary="" makes every "--" line one.
const MAX_DASH_LINES = 256;
const MAX_FIELD_BYTES = 16 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DASH = 0x2d;
const CONTENT_TYPE = 'content-type:';

/** Lines Thunderbird writes into its own mail store; lower-cased, without the colon. */
const STORE_HEADERS = ['x-mozilla-status', 'x-mozilla-status2', 'x-mozilla-keys'];

export function normalizeRaw(input: Uint8Array, limits: NormalizeLimits): NormalizedRaw {
  const out = new Uint8Array(Math.min(input.length, Math.max(limits.maxBytes, limits.maxHeaderBytes)));
  let w = 0;
  let truncated = false;
  let p = skipEnvelope(input);

  // Header block: whole lines, continuation lines follow the fate of the field they fold.
  let keepField = true;
  let headerFull = false;
  let inHeader = true;
  // 20,000 short `To:` lines fit 64 KB 3,500 times; the parser reads each as an address list.
  // Twice parseEmail's cap: a Subject after a few hundred Received lines is still found.
  let fieldsLeft = 2 * (limits.maxHeaders ?? Infinity);
  let fieldBytes = 0;
  while (p < input.length) {
    const lf = input.indexOf(LF, p);
    const next = lf < 0 ? input.length : lf + 1;
    let end = lf < 0 ? input.length : lf;
    if (end > p && input[end - 1] === CR) end--;

    if (end === p) {
      // The blank line that ends the header block.
      if (w < out.length) out[w++] = LF;
      p = next;
      inHeader = false;
      break;
    }
    const first = input[p];
    const continuation = first === SPACE || first === TAB;
    if (!continuation) {
      keepField = !isStoreHeader(input, p, end) && fieldsLeft-- > 0;
      fieldBytes = 0;
    }
    fieldBytes += end - p + 1;
    // parseEmail keeps 4,096 chars of a value; a field folded over 20,000 lines is cut well before.
    const keepLine = keepField && (!continuation || fieldBytes <= MAX_FIELD_BYTES);
    if (fieldsLeft < 0 || (keepField && !keepLine)) truncated = true;
    if (keepLine && !headerFull && w + (end - p) + 1 > limits.maxHeaderBytes) {
      // Keep the first fields, not a fragment of one; everything after is dropped.
      headerFull = true;
      truncated = true;
    }
    if (keepLine && !headerFull) {
      out.set(input.subarray(p, end), w);
      w += end - p;
      out[w++] = LF;
    }
    p = next;
  }
  if (inHeader) return { bytes: out.subarray(0, w), truncated };

  // Body, line by line, CRLF to LF (a lone CR is kept as data). Each MIME part's content is cut at
  // a budget: the parser's cost is per line, and past the budget a part adds time, not evidence
  // (features read the first 100,000 characters of text and only the names and types of
  // attachments). A line starting with "--" may be a boundary: it is always kept, and the part
  // header after it (up to its blank line) chooses the next budget. Only the line that crosses a
  // part's budget is cut; the whole body stops at maxBytes (and at a line count) on a line end.
  const limit = Math.min(out.length, Math.max(w, limits.maxBytes));
  const textBudget = limits.maxPartBytes ?? DEFAULT_PART_BYTES;
  let linesLeft = limits.maxBodyLines ?? DEFAULT_BODY_LINES;
  let dashLinesLeft = MAX_DASH_LINES;
  let inPartHeader = false;
  let partIsText = true;
  let partBytes = 0;
  let partLines = 0;
  let budget = textBudget;
  while (p < input.length) {
    if (!inPartHeader && partBytes >= budget) {
      // Past the budget: jump to the next line that may be a boundary instead of reading lines.
      p = nextDashDashLine(input, p);
      truncated = true;
      if (p >= input.length) break;
    }
    const lf = input.indexOf(LF, p);
    const next = lf < 0 ? input.length : lf + 1;
    let end = lf < 0 ? input.length : lf;
    if (lf >= 0 && end > p && input[end - 1] === CR) end--;
    const length = end - p;
    const eol = lf < 0 ? 0 : 1;
    const boundary = length >= 2 && input[p] === DASH && input[p + 1] === DASH;
    let keep: boolean;
    if (boundary) {
      if (dashLinesLeft-- <= 0) {
        truncated = true;
        break;
      }
      keep = true;
      inPartHeader = true;
      partIsText = true; // a part without Content-Type is text/plain
    } else if (inPartHeader) {
      keep = true;
      if (length === 0) {
        inPartHeader = false;
        partBytes = 0;
        partLines = 0;
        budget = partIsText ? textBudget : OTHER_PART_BYTES;
      } else if (startsWithContentType(input, p, end)) {
        partIsText = isTextType(input, p + CONTENT_TYPE.length, end);
      }
    } else {
      // The line that crosses the budget keeps its head: a body that is one huge line still reads.
      if (++partLines > PART_LINES) partBytes = budget;
      const room = budget - partBytes;
      partBytes += length + eol;
      keep = room > 0;
      if (keep && length + eol > room) {
        end = p + Math.max(0, room - 1);
        truncated = true;
      }
    }
    const kept = end - p;
    const lineEnd = eol || kept < length ? 1 : 0;
    if (keep && (w + kept + lineEnd > limit || linesLeft-- <= 0)) {
      truncated = true;
      break;
    }
    if (keep) {
      out.set(input.subarray(p, end), w);
      w += kept;
      if (lineEnd) out[w++] = LF;
    } else {
      truncated = true;
    }
    p = next;
  }
  return { bytes: out.subarray(0, w), truncated };
}

/** Skips a UTF-8 byte order mark and an mbox `From ` separator line at the very start. */
function skipEnvelope(input: Uint8Array): number {
  let p = 0;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) p = 3;
  if (
    input[p] === 0x46 && // F
    input[p + 1] === 0x72 && // r
    input[p + 2] === 0x6f && // o
    input[p + 3] === 0x6d && // m
    input[p + 4] === SPACE
  ) {
    const lf = input.indexOf(LF, p);
    p = lf < 0 ? input.length : lf + 1;
  }
  return p;
}

function isStoreHeader(input: Uint8Array, start: number, end: number): boolean {
  for (const name of STORE_HEADERS) {
    if (end - start <= name.length) continue;
    let same = true;
    for (let i = 0; i < name.length && same; i++) {
      // ASCII lower-casing: set bit 5 on letters only.
      const b = input[start + i] ?? 0;
      same = (b >= 0x41 && b <= 0x5a ? b | 0x20 : b) === name.charCodeAt(i);
    }
    if (!same) continue;
    // The name must end here: `X-Mozilla-Status` must not swallow `X-Mozilla-Status2`.
    let j = start + name.length;
    while (j < end && (input[j] === SPACE || input[j] === TAB)) j++;
    if (input[j] === 0x3a) return true;
  }
  return false;
}

function startsWithContentType(input: Uint8Array, start: number, end: number): boolean {
  if (end - start < CONTENT_TYPE.length) return false;
  for (let i = 0; i < CONTENT_TYPE.length; i++) {
    const b = input[start + i] ?? 0;
    if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== CONTENT_TYPE.charCodeAt(i)) return false;
  }
  return true;
}

/** text/*, a mistyped `text`, multipart/* and message/* keep their content; anything else is an attachment. */
function isTextType(input: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && (input[i] === SPACE || input[i] === TAB)) i++;
  const value = String.fromCharCode(...input.subarray(i, Math.min(end, i + 10))).toLowerCase();
  return /^(?:text|multipart|message)\b/.test(value) || i === end;
}

/** The start of the first line at or after `from` (itself a line start) that begins with "--". */
function nextDashDashLine(input: Uint8Array, from: number): number {
  if (input[from] === DASH && input[from + 1] === DASH) return from;
  for (let d = input.indexOf(DASH, from); d >= 0; d = input.indexOf(DASH, d + 1)) {
    if (input[d - 1] === LF && input[d + 1] === DASH) return d;
  }
  return input.length;
}
