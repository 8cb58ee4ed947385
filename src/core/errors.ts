/** Typed errors the core throws at its boundary; adapters catch them per message. */
export class ParseError extends Error {
  override name = 'ParseError';
}

/** A stored or imported record that is not a valid Tagwise record of a known version. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
}
