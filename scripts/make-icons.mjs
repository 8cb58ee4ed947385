// Draws the add-on icons (icons/icon-<size>.png): a tag shape in three bands, green, amber and red,
// the colours of the three Tagwise tags. No dependencies: a tiny PNG encoder over node:zlib.
//   node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    rows[y * (1 + size * 4)] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), y * (1 + size * 4) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const BANDS = [[0x2e, 0x7d, 0x32], [0xf9, 0xa8, 0x25], [0xc6, 0x28, 0x28]];
/** A tag pointing left: a rectangle with a triangular tip and a punched hole, in unit coordinates. */
function inTag(u, v) {
  if (v < 0.18 || v > 0.82 || u > 0.92) return false;
  if (u < 0.36 && Math.abs(v - 0.5) > (u - 0.06) * (0.32 / 0.3)) return false;
  return Math.hypot(u - 0.27, v - 0.5) > 0.07;
}
function pixel(size) {
  const samples = 4; // supersampling for smooth edges
  return (x, y) => {
    let hits = 0;
    for (let i = 0; i < samples; i++) for (let j = 0; j < samples; j++) if (inTag((x + (i + 0.5) / samples) / size, (y + (j + 0.5) / samples) / size)) hits++;
    const v = (y + 0.5) / size;
    const band = BANDS[v < 0.4 ? 0 : v < 0.6 ? 1 : 2];
    return [...band, Math.round((255 * hits) / samples ** 2)];
  };
}

mkdirSync('icons', { recursive: true });
for (const size of [16, 32, 48, 96]) writeFileSync(`icons/icon-${size}.png`, png(size, pixel(size)));
