/**
 * Bounds on how much of a message the parser reads and keeps. Every string in a message comes from
 * the sender, so each one is capped: a 20 MB attachment or 20,000 copies of one header must cost
 * the classifier no more than an ordinary mail.
 */
export interface ParseLimits {
  /** Bytes of the message handed to the MIME parser, header block included. */
  maxBytes: number;
  /** Bytes of the top-level header block kept; later header lines are dropped. */
  maxHeaderBytes: number;
  /** Header fields kept, in message order. */
  maxHeaders: number;
  /** Characters kept of each header value. */
  maxHeaderValueChars: number;
  /** Characters kept of the visible body text. */
  maxTextChars: number;
  /** Links kept, HTML anchors first. */
  maxLinks: number;
  /** MIME nesting depth the parser accepts before it gives up on the structure. */
  maxNestingDepth: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxBytes: 512 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxHeaders: 500,
  maxHeaderValueChars: 4096,
  maxTextChars: 100_000,
  maxLinks: 200,
  maxNestingDepth: 32,
});

/** Fills in defaults and rejects limits that would switch a bound off (NaN, negative). */
export function resolveParseLimits(limits: Partial<ParseLimits> = {}): ParseLimits {
  const resolved = { ...DEFAULT_PARSE_LIMITS };
  for (const key of Object.keys(resolved) as (keyof ParseLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`parse limit ${key} must be a non-negative integer, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  return resolved;
}
