/**
 * The subject without the bracketed tags that lists and other filters put in front of it
 * (`[USRP-users]`, `[SPAM]`, `***SPAM***`): they name where the message went through, not what it is
 * (corpus README, "Artifacts" 3 and 6). Reply and forward prefixes stay.
 */
export function subjectWithoutTags(subject: string): string {
  let rest = subject.replace(/\*{2,}\s*spam\s*\*{2,}/gi, ' ');
  let prefix = '';
  for (let guard = 0; guard < 10; guard++) {
    const reply = /^\s*((?:re|aw|sv|fw|fwd|wg|tr|rv)\s*(?:\[\d+\])?\s*:)/i.exec(rest);
    const tag = /^\s*\[[^\]]{1,60}\]/.exec(rest);
    if (reply) {
      prefix += `${reply[1] as string} `;
      rest = rest.slice(reply[0].length);
    } else if (tag) {
      rest = rest.slice(tag[0].length);
    } else break;
  }
  return `${prefix}${rest.trim()}`.trim();
}
