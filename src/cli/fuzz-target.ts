import { classify } from '../core/classify.ts';
import { ParseError } from '../core/errors.ts';
import type { TagwiseModel } from '../core/model.ts';
import { parseEmail } from '../core/parse-email.ts';

/** What one input did at the core's boundary. */
export type FuzzOutcome =
  | { status: 'verdict'; ms: number }
  | { status: 'parse-error'; ms: number }
  /** Anything else is a crash: a non-ParseError throw, or a verdict that is not a probability. */
  | { status: 'crash'; ms: number; error: string };

/** How Thunderbird and the CLI hand a message over: bytes, a binary string (getRaw), or a Blob. */
export type RawForm = 'bytes' | 'binary-string' | 'blob';

function asForm(bytes: Uint8Array, form: RawForm): Uint8Array | string | Blob {
  if (form === 'blob') return new Blob([Uint8Array.from(bytes)]);
  if (form === 'binary-string') {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return s;
  }
  return bytes;
}

/** parse + featurize + classify on one input, timed; the core may throw ParseError and nothing else. */
export async function fuzzOne(model: TagwiseModel, bytes: Uint8Array, form: RawForm = 'bytes'): Promise<FuzzOutcome> {
  const raw = asForm(bytes, form);
  const start = performance.now();
  try {
    const verdict = classify(model, await parseEmail(raw));
    const ms = performance.now() - start;
    const probs = Object.values(verdict.probs);
    const sum = probs.reduce((a, b) => a + b, 0);
    if (!probs.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) || Math.abs(sum - 1) > 1e-3) {
      return { status: 'crash', ms, error: `verdict probabilities are not a distribution: ${JSON.stringify(verdict.probs)}` };
    }
    return { status: 'verdict', ms };
  } catch (error) {
    const ms = performance.now() - start;
    if (error instanceof ParseError) return { status: 'parse-error', ms };
    return { status: 'crash', ms, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
