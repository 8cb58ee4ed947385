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
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

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
    if (first !== SPACE && first !== TAB) keepField = !isStoreHeader(input, p, end);
    if (keepField && !headerFull && w + (end - p) + 1 > limits.maxHeaderBytes) {
      // Keep the first fields, not a fragment of one; everything after is dropped.
      headerFull = true;
      truncated = true;
    }
    if (keepField && !headerFull) {
      out.set(input.subarray(p, end), w);
      w += end - p;
      out[w++] = LF;
    }
    p = next;
  }
  if (inHeader) return { bytes: out.subarray(0, w), truncated };

  // Body: copy runs between CRs, dropping the CR of each CRLF, until the byte budget is spent.
  const bodyStart = w;
  const limit = Math.min(out.length, Math.max(w, limits.maxBytes));
  while (p < input.length && w < limit) {
    // Look for the CR only within the budget: a body without CRs must not be scanned to its end.
    const budgetEnd = Math.min(input.length, p + (limit - w));
    const found = input.subarray(p, budgetEnd).indexOf(CR);
    const cr = found < 0 ? -1 : p + found;
    const runEnd = cr < 0 ? budgetEnd : cr;
    out.set(input.subarray(p, runEnd), w);
    w += runEnd - p;
    p = runEnd;
    if (p === cr) {
      // A CR before LF is dropped; a lone CR is kept as data.
      if (input[p + 1] !== LF && w < limit) out[w++] = CR;
      p++;
    }
  }
  if (p < input.length) {
    truncated = true;
    // Cut at a line end so the parser never sees half a line.
    const lastLf = out.subarray(bodyStart, w).lastIndexOf(LF);
    if (lastLf >= 0) w = bodyStart + lastLf + 1;
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
