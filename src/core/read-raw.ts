/**
 * Raw message input as the adapters have it: Thunderbird hands over a File (a Blob) or, in older
 * versions of `messages.getRaw`, a "binary string" (one char per byte); the CLI and tests have
 * bytes or ordinary text.
 */
export type RawInput = string | Uint8Array | ArrayBuffer | Blob;

export interface RawBytes {
  /** The first bytes of the message, at most the window asked for. */
  bytes: Uint8Array;
  /** Size in bytes of the whole message as given. */
  size: number;
}

const utf8 = new TextEncoder();

/**
 * Reads at most `window` bytes of the message. Only a window is read so that a 20 MB attachment
 * is never copied; the caller picks a window wide enough for the parts it keeps.
 */
export async function readRaw(raw: RawInput, window: number): Promise<RawBytes> {
  if (typeof raw === 'string') return readString(raw, window);
  if (ArrayBuffer.isView(raw)) {
    return { bytes: raw.subarray(0, Math.min(window, raw.byteLength)), size: raw.byteLength };
  }
  if (isArrayBuffer(raw)) {
    return { bytes: new Uint8Array(raw, 0, Math.min(window, raw.byteLength)), size: raw.byteLength };
  }
  const head = await raw.slice(0, window).arrayBuffer();
  return { bytes: new Uint8Array(head), size: raw.size };
}

// Tagged check rather than instanceof: an ArrayBuffer from another realm (a test VM, a worker)
// fails instanceof but is still a buffer.
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/**
 * A string with no char above U+00FF is taken as a binary string: each char is one byte. That is
 * what Thunderbird's getRaw returns, and it keeps 8-bit bodies in their declared charset. Any
 * wider char means ordinary text, which is encoded as UTF-8.
 */
function readString(raw: string, window: number): RawBytes {
  const head = raw.length > window ? raw.slice(0, window) : raw;
  // One pass: copy chars as bytes, and give up at the first char above U+00FF (ordinary text).
  const bytes = new Uint8Array(head.length);
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c > 0xff) {
      const text = utf8.encode(head);
      return { bytes: text.subarray(0, Math.min(window, text.length)), size: utf8Length(raw) };
    }
    bytes[i] = c;
  }
  return { bytes, size: raw.length };
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one 4-byte code point.
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
