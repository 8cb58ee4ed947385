/**
 * Word lists for the wording signals, in several languages (en, de, fr, es, it, pt, nl). Each is one
 * regular expression over lower-cased text; matches are counted, not located.
 */
// No 'u' flag: it makes these long alternations several times slower, and every entry is BMP text.
const words = (...alternatives: string[]): RegExp => new RegExp(`(?:${alternatives.join('|')})`, 'gi');

export const CREDENTIAL = words(
  'verify your (?:account|identity|email|information)', 'confirm your (?:account|identity|details|information|password)',
  'update your (?:account|payment|billing|information|details)', 'log ?in to (?:your|restore|verify)', 'sign ?in to (?:your|verify)',
  'your password', 'password (?:expires|expired|reset)', 'security (?:question|check|alert|verification)', 'credit card (?:number|details)',
  'card details', 'social security', 'bank (?:account|details)', 'account (?:verification|validation)',
  'passwort', 'kennwort', 'konto (?:bestätigen|verifizieren)', 'mot de passe', 'vérifier votre compte', 'identifiant',
  'contraseña', 'verificar su cuenta', 'verifique su', 'senha', 'verifique sua conta', 'wachtwoord', 'verifieer uw',
  'credenziali', 'verifica il tuo account',
);

// Phrases, not single words: "locked", "expires" and "suspended" are everyday technical words (a PLL
// is locked, a certificate expires); what phishing says is that *your account* is.
export const URGENCY = words(
  'urgent', 'immediately', 'within (?:24|48|72) ?(?:hours|hrs|h)\\b', 'act now', 'final (?:notice|warning|reminder)',
  '(?:account|mailbox|card|access|service|password) (?:has been |will be |is |was )?(?:suspended|locked|blocked|closed|limited|restricted|disabled|deactivated|terminated|deleted)',
  '(?:will be|has been) (?:suspended|closed|terminated|deleted|disabled|blocked)', '(?:expires?|expiring) (?:today|soon|in \\d+)',
  'unusual (?:activity|sign-?in)', 'unauthori[sz]ed (?:access|transaction|login|payment)', 'last chance', 'avoid (?:suspension|interruption|losing)',
  'dringend', 'sofort', 'gesperrt', 'innerhalb von 24', 'urgente', 'immédiatement', 'suspendu', 'bloqué',
  'inmediatamente', 'suspendida', 'bloqueada', 'imediatamente', 'bloqueado', 'onmiddellijk', 'geblokkeerd', 'subito', 'sospeso',
);

export const MONEY = words(
  'lottery', 'winner', "you(?: have|'ve) won", 'prize', 'inheritance', 'beneficiary', 'next of kin', 'million (?:dollars|usd|euros?|pounds)',
  'wire transfer', 'western union', 'moneygram', 'bitcoin', 'btc', 'crypto', 'wallet', 'investment', 'profit', 'funds',
  'compensation', 'claim your', 'gift card', 'refund', 'payment (?:failed|declined|pending)', 'invoice', 'overdue',
  'gewinn', 'erbschaft', 'überweisung', 'gagnant', 'héritage', 'ganador', 'herencia', 'premio', 'prêmio', 'vencedor',
);

export const EXTORTION = words(
  'webcam', 'recorded you', 'hacked your', 'your device', 'adult (?:site|video)', 'porn', 'masturbat', 'intimate',
  'pay (?:me|the)? ?in bitcoin', 'my bitcoin', 'btc address', 'your contacts', 'i will (?:send|share|publish)',
);

// No "unsubscribe" here: every mailing list's footer says it.
export const MARKETING = words(
  'special offer', 'free shipping', '\\d+ ?% off', '\\bdiscounts?\\b', '\\bbig deals?\\b', '\\bon sale\\b', 'buy now',
  'order now', 'shop now', '\\bpromo\\b', 'coupon', 'casino', '\\bbonus\\b', 'free spins', 'jackpot',
  'viagra', 'cialis', 'pharmacy', '\\bpills\\b', 'weight loss', '\\bdating\\b', '\\bsingles\\b', 'hot (?:girls|women)', 'mortgage',
  '\\bloans?\\b', 'lowest price', 'best price', '\\bcheap\\b', 'risk[- ]free', 'no obligation', 'click here', 'limited offer',
  '\\bangebot\\b', '\\brabatt\\b', '\\boffre\\b', 'promoción', '\\boferta\\b', 'descuento', 'aanbieding', '\\bofferta\\b', '\\bsconto\\b',
);

/** Conversation: the wording of people writing to people, and of technical discussion. */
export const CONVERSATION = words(
  '\\bi think\\b', "\\bi'm\\b", "\\bi've\\b", '\\bi have\\b', '\\bi was\\b', "\\bdoesn't\\b", "\\bdon't\\b", "\\bcan't\\b",
  '\\bthanks\\b', '\\bthank you\\b', '\\bregards\\b', '\\bcheers\\b', '\\bbest,', '\\bhi\\b', '\\bhello\\b', '\\bdear all\\b',
  '\\bany (?:idea|ideas|suggestions|help)\\b', '\\bthe problem\\b', '\\bthe issue\\b', '\\btried\\b', '\\bworks\\b',
  '\\bwhat about\\b', '\\bsounds (?:good|like)\\b', '\\bi agree\\b', '\\bquestion\\b', '\\bcould you\\b', '\\bwould you\\b',
  '\\bdanke\\b', '\\bgrüße\\b', '\\bmerci\\b', '\\bgracias\\b', '\\bsaludos\\b', '\\bgrazie\\b', '\\bobrigad[oa]\\b', '\\bbedankt\\b',
);

/** Occurrences of `pattern` in `text`, at most `cap`. */
export function countMatches(pattern: RegExp, text: string, cap = 20): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (count < cap && pattern.exec(text) !== null) count++;
  return count;
}
