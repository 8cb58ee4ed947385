/** Every line starts with `[tagwise]`: the e2e harness greps Thunderbird's stdout for them. */
export function log(line: string): void {
  console.log(`[tagwise] ${line}`);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
