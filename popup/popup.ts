// The popup of the Tagwise button above a displayed message: the verdict, its three probabilities,
// the reasons, and three correction buttons. Message data is set as text only (no innerHTML).
import { LABELS, type Label } from '../src/core/labels.ts';
import type { VerdictView } from '../src/messages.ts';
import { byId, element } from '../src/pages/element.ts';
import { localize } from '../src/pages/localize.ts';
import { displayedMessageId } from '../src/thunderbird/displayed-message.ts';
import { t } from '../src/thunderbird/i18n.ts';
import { ask } from '../src/thunderbird/send-to-background.ts';
import { reasonText } from './reason-text.ts';

const LABEL_TEXT: Record<Label, string> = { SAFE: 'menuSafe', SPAM: 'menuSpam', THREAT: 'menuThreat' };
const state = byId('state');
const percent = (p: number) => `${(100 * p).toLocaleString(undefined, { maximumFractionDigits: p < 0.1 ? 1 : 0 })} %`;

function render(view: VerdictView): void {
  const heading = byId('label');
  heading.textContent = t(LABEL_TEXT[view.label]);
  heading.dataset.label = view.label;
  byId('source').textContent = t(view.source === 'user' ? 'popupSourceUser' : 'popupSourceAuto');
  byId('subject').textContent = view.subject;
  byId('subject').title = view.author;
  for (const label of LABELS) {
    byId<HTMLMeterElement>(`p-${label}`).value = view.probs[label];
    byId(`p-${label}-text`).textContent = percent(view.probs[label]);
    byId(`p-${label}`).closest('tr')?.classList.toggle('winner', label === view.label);
    byId(`correct-${label}`).setAttribute('aria-pressed', String(label === view.label));
  }
  const reasons = view.reasons.map((reason) => {
    const text = reasonText(reason.feature);
    return element('li', {}, 'text' in text ? text.text : t(text.key, text.word));
  });
  byId('reasons').replaceChildren(...(reasons.length ? reasons : [element('li', {}, t('popupNoReasons'))]));
  state.hidden = true;
  byId('verdict').hidden = false;
}

/** The message to show: the displayed one, or `?messageId=` (the popup opened in a tab). */
async function messageId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('messageId');
  return param !== null && /^\d+$/.test(param) ? Number(param) : displayedMessageId();
}

async function show(): Promise<void> {
  const id = await messageId();
  if (id === undefined) {
    state.textContent = t('popupNoMessage');
    return;
  }
  const view = await ask('getVerdict', { messageId: id });
  if (!view) {
    state.textContent = t('popupNoMessage');
    return;
  }
  render(view);
  for (const label of LABELS) {
    const button = byId<HTMLButtonElement>(`correct-${label}`);
    button.onclick = async () => {
      const buttons = LABELS.map((l) => byId<HTMLButtonElement>(`correct-${l}`));
      for (const b of buttons) b.disabled = true;
      const status = byId('correct-status');
      try {
        const wasLabel = byId('label').dataset.label;
        await ask('correct', { messageIds: [id], label });
        const fresh = await ask('getVerdict', { messageId: id });
        if (fresh) render(fresh);
        status.textContent = t(wasLabel === label ? 'popupConfirmed' : 'popupCorrected', t(LABEL_TEXT[label]));
      } catch (error) {
        status.textContent = t('popupError', error instanceof Error ? error.message : String(error));
      } finally {
        for (const b of buttons) b.disabled = false;
        button.focus();
      }
    };
  }
}

localize(document);
show().catch((error: unknown) => {
  state.textContent = t('popupError', error instanceof Error ? error.message : String(error));
});
