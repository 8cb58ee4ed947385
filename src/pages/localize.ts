import { t } from '../thunderbird/i18n.ts';

/**
 * Fills a page's text from _locales: `data-i18n="key"` sets the element's text, and
 * `data-i18n-attr="attribute:key; ..."` its attributes. Text only, never markup.
 */
export function localize(root: Document): void {
  root.documentElement.lang = t('@@ui_locale').replace('_', '-');
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as string);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (element.dataset.i18nAttr as string).split(';')) {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}
