/** Host and domain helpers for sender and link signals. Pure string work, no lookups. */

// Second-level labels under which registrations happen one level deeper (example.co.uk).
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'nic', 'mil']);

/** The registrable part of a host, approximately: `mail.shop.example.co.uk` → `example.co.uk`. */
export function registeredDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const secondLast = labels[labels.length - 2] as string;
  const last = labels[labels.length - 1] as string;
  const take = last.length === 2 && SECOND_LEVEL.has(secondLast) ? 3 : 2;
  return labels.slice(-take).join('.');
}

export function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/[>\s]+$/, '');
}

/** Loopback and private ranges: technical mail links to them; phishing cannot use them. */
export function isPrivateIp(host: string): boolean {
  return /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.)/.test(host);
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || /^0x[0-9a-f]+$/i.test(host) || /^\d{8,10}$/.test(host);
}

export function isPunycode(host: string): boolean {
  return host.split('.').some((label) => label.startsWith('xn--')) || /[^\x00-\x7f]/.test(host);
}

const SHORTENERS = new Set([
  'bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at',
  'rb.gy', 't.ly', 'tiny.cc', 'bitly.com', 'lnkd.in', 'shorturl.com', 's.id', 'v.gd', 'qrco.de', 'short.gy',
  'urlz.fr', 'x.co', 'bl.ink', 'soo.gd', 'clck.ru', 'u.to', 'linktr.ee', 'tny.im', 'shrtco.de', 'lnk.to',
]);

export function isShortener(host: string): boolean {
  return SHORTENERS.has(registeredDomain(host)) || SHORTENERS.has(host);
}

// Free hosting, form, storage and tunnelling services: where phishing pages live because anyone can publish there.
const OPEN_HOSTING = [
  'firebaseapp.com', 'web.app', 'weebly.com', 'wixsite.com', 'blogspot.com', 'github.io', 'glitch.me',
  'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'r2.dev', 'ngrok.io', 'ngrok-free.app',
  'ipfs.io', 'dweb.link', 'azurewebsites.net', 'blob.core.windows.net', 'web.core.windows.net', 'storage.googleapis.com',
  'appspot.com', 'sharepoint.com', 'godaddysites.com', 'square.site', 'webflow.io', '000webhostapp.com', 'repl.co',
  'surge.sh', 'framer.app', 'wordpress.com', 'jimdosite.com', 'myshopify.com', 'carrd.co', 'mystrikingly.com',
  'typeform.com', 'jotform.com', 'formspree.io', 'forms.gle', 'sites.google.com', 'docs.google.com',
  'dropboxusercontent.com', 'amazonaws.com', 'cloudfront.net', 'digitaloceanspaces.com', 'backblazeb2.com',
  'trycloudflare.com', 'yolasite.com', 'mailchi.mp', 'canva.site', 'notion.site', 'gitbook.io', 'webwave.dev',
];

export function isOpenHosting(host: string): boolean {
  return OPEN_HOSTING.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/** Brands that phishing impersonates, each with the registered domains it really sends from. */
export const BRANDS: ReadonlyArray<{ name: string; pattern: RegExp; domains: readonly string[] }> = [
  { name: 'paypal', pattern: /pay\s?pal/i, domains: ['paypal.com', 'paypal.de', 'paypal.co.uk', 'paypal-communication.com'] },
  { name: 'apple', pattern: /\b(apple|icloud|itunes|app\s?store)\b/i, domains: ['apple.com', 'icloud.com', 'itunes.com'] },
  { name: 'microsoft', pattern: /\b(microsoft|office\s?365|outlook|onedrive|sharepoint|hotmail|windows)\b/i, domains: ['microsoft.com', 'office.com', 'outlook.com', 'live.com', 'hotmail.com', 'microsoftonline.com', 'sharepoint.com', 'office365.com'] },
  { name: 'amazon', pattern: /\bamazon\b/i, domains: ['amazon.com', 'amazon.de', 'amazon.co.uk', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.ca', 'amazon.co.jp', 'amazonses.com'] },
  { name: 'netflix', pattern: /netflix/i, domains: ['netflix.com'] },
  { name: 'google', pattern: /\b(google|gmail)\b/i, domains: ['google.com', 'gmail.com', 'googlemail.com', 'youtube.com'] },
  { name: 'facebook', pattern: /\b(facebook|meta|instagram|whatsapp)\b/i, domains: ['facebook.com', 'facebookmail.com', 'meta.com', 'instagram.com', 'whatsapp.com'] },
  { name: 'dhl', pattern: /\bdhl\b/i, domains: ['dhl.com', 'dhl.de'] },
  { name: 'fedex', pattern: /fed\s?ex/i, domains: ['fedex.com'] },
  { name: 'ups', pattern: /\bups\b/i, domains: ['ups.com'] },
  { name: 'usps', pattern: /\busps\b|postal service/i, domains: ['usps.com', 'usps.gov'] },
  { name: 'docusign', pattern: /docu\s?sign/i, domains: ['docusign.com', 'docusign.net'] },
  { name: 'dropbox', pattern: /dropbox/i, domains: ['dropbox.com', 'dropboxmail.com'] },
  { name: 'adobe', pattern: /\badobe\b/i, domains: ['adobe.com'] },
  { name: 'wellsfargo', pattern: /wells\s?fargo/i, domains: ['wellsfargo.com'] },
  { name: 'chase', pattern: /\bchase\b/i, domains: ['chase.com'] },
  { name: 'bankofamerica', pattern: /bank\s?of\s?america/i, domains: ['bankofamerica.com', 'bofa.com'] },
  { name: 'coinbase', pattern: /coinbase/i, domains: ['coinbase.com'] },
  { name: 'binance', pattern: /binance/i, domains: ['binance.com'] },
  { name: 'metamask', pattern: /metamask/i, domains: ['metamask.io'] },
  { name: 'irs', pattern: /\b(irs|internal revenue)\b/i, domains: ['irs.gov'] },
  { name: 'hmrc', pattern: /\bhmrc\b/i, domains: ['hmrc.gov.uk', 'gov.uk'] },
  { name: 'linkedin', pattern: /linkedin/i, domains: ['linkedin.com'] },
  { name: 'norton', pattern: /\b(norton|mcafee|avast)\b/i, domains: ['norton.com', 'mcafee.com', 'avast.com'] },
  { name: 'att', pattern: /\bat&t\b/i, domains: ['att.com', 'att.net'] },
  { name: 'spotify', pattern: /spotify/i, domains: ['spotify.com'] },
  { name: 'ebay', pattern: /\bebay\b/i, domains: ['ebay.com', 'ebay.de', 'ebay.co.uk'] },
  { name: 'webmail', pattern: /\b(webmail|mail\s?admin|e-?mail administrator|mailbox (team|support)|it help ?desk)\b/i, domains: [] },
];

// One pass over the text tells whether any brand is named; most mail names none.
const ANY_BRAND = new RegExp(BRANDS.map((brand) => brand.pattern.source).join('|'), 'i');

/** The first brand the text names, if any. */
export function brandIn(text: string): (typeof BRANDS)[number] | undefined {
  if (!ANY_BRAND.test(text)) return undefined;
  return BRANDS.find((brand) => brand.pattern.test(text));
}

/** True when the host belongs to one of the brand's own domains. */
export function hostOwnedBy(host: string, domains: readonly string[]): boolean {
  const domain = registeredDomain(host);
  return domains.some((d) => domain === d || host.endsWith(`.${d}`));
}
