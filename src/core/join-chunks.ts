/**
 * The bytes of `new Blob(chunks)`, joined directly. postal-mime 4.0.0 assembles every decoded MIME
 * part by building a Blob and reading it back asynchronously, which costs about a sixth of a whole
 * classification in Node; build.mjs swaps this function in at those three places (see there).
 * Strings are UTF-8, as in a Blob.
 */
const encoder = new TextEncoder();

export function joinChunks(chunks: ReadonlyArray<string | ArrayBuffer | ArrayBufferView>): ArrayBuffer {
  const parts = chunks.map((chunk) =>
    typeof chunk === 'string'
      ? encoder.encode(chunk)
      : chunk instanceof ArrayBuffer
        ? new Uint8Array(chunk)
        : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
  );
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined.buffer;
}
