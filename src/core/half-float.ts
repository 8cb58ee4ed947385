/**
 * IEEE 754 half precision (binary16), for the shipped model file: the first layer's weights in
 * 16 bits halve the file (web-ext refuses files over 5 MB in an add-on) and change no verdict.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The nearest binary16 bit pattern (round to nearest); beyond ±65504 becomes ±Infinity. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exponent = ((x >>> 23) & 0xff) - 127 + 15;
  const mantissa = x & 0x7fffff;
  if (((x >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  if (exponent >= 31) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    const shifted = (mantissa | 0x800000) >>> (1 - exponent);
    return sign | ((shifted + 0x1000) >>> 13);
  }
  // `+`, not `|`: rounding may carry into the exponent, which is the right result.
  return sign | ((exponent << 10) + ((mantissa + 0x1000) >>> 13));
}

export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
