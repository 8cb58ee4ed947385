/** A user-facing string from _locales; the key itself when missing, so a gap shows instead of a blank. */
export function t(name: string, substitutions?: string | string[]): string {
  return messenger.i18n.getMessage(name, substitutions) || name;
}
