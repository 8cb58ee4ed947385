/**
 * The message's raw bytes as a File (the MV3 default, asked for explicitly so that an MV2 default of
 * a binary string never sneaks in). Thunderbird prepends its X-Mozilla-Status lines and uses LF
 * endings; the core's parseEmail strips and normalizes both.
 */
export async function readRawMessage(id: number): Promise<File | string> {
  return messenger.messages.getRaw(id, { data_format: 'File' });
}
