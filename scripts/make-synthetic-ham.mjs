// Writes a set of invented, modern, legitimate transactional mail (receipts, shipping notices,
// password resets, security notices, newsletters, reminders) as .eml files plus a labels.tsv
// (label SAFE, source "synthetic"). The public corpus has none of this kind of mail, and without it a
// model calls any modern commercial message junk. Each message carries the evidence that holds for
// real senders: DKIM signed by the From domain, links on the sender's own domain, no borrowed brand.
//
//   node scripts/make-synthetic-ham.mjs OUT_DIR [COUNT] [SEED]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir = '/tmp/tagwise-synthetic', countText = '600', seedText = '7'] = process.argv.slice(2);
const count = Number(countText);
let state = Number(seedText) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const SYLLABLES = ['lark', 'spur', 'north', 'field', 'river', 'stone', 'maple', 'cedar', 'blue', 'harbor', 'oak', 'bright', 'tide', 'fern', 'copper', 'green', 'sun', 'hill', 'brook', 'pine', 'silver', 'lake', 'moss', 'iron', 'amber', 'wild', 'mill', 'bay', 'ridge', 'wren'];
const KINDS = ['Books', 'Outdoor', 'Cycles', 'Pharmacy', 'Energy', 'Bank', 'Telecom', 'Insurance', 'Travel', 'Tickets', 'Market', 'Coffee', 'Garden', 'Health', 'Cloud', 'Games', 'Music', 'Library', 'School', 'Chess Club', 'Dental', 'Rail', 'Airlines', 'Fitness'];
const TLDS = ['com', 'com', 'com', 'de', 'co.uk', 'org', 'io', 'shop', 'nl', 'fr', 'net', 'ca'];
const FIRST = ['Anna', 'Ben', 'Chloe', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Liam', 'Maria', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const ITEMS = ['hiking boots', 'a paperback novel', 'coffee beans (1 kg)', 'a bicycle pump', 'USB-C cable', 'garden gloves', 'running shoes', 'a desk lamp', 'tea sampler', 'a rain jacket', 'printer paper', 'a board game'];

function company() {
  const a = pick(SYLLABLES);
  let b = pick(SYLLABLES);
  while (b === a) b = pick(SYLLABLES);
  const kind = pick(KINDS);
  const name = `${a[0].toUpperCase()}${a.slice(1)}${b} ${kind}`;
  const domain = `${a}${b}${random() < 0.3 ? kind.toLowerCase().replace(/\s+/g, '') : ''}.${pick(TLDS)}`;
  return { name, domain };
}

const money = () => `${pick(['$', '€', '£', ''])}${int(3, 480)}.${String(int(0, 99)).padStart(2, '0')}${random() < 0.3 ? ' EUR' : ''}`;
const date = () => new Date(Date.UTC(int(2023, 2026), int(0, 11), int(1, 28), int(6, 22), int(0, 59))).toUTCString().replace('GMT', '+0000');
const ref = () => `${pick(['', 'A', 'INV-', 'ORD-', '#'])}${int(100000, 99999999)}`;

// Each kind: subject, text paragraphs, link paths (on the sender's domain), optional List-Unsubscribe.
const TEMPLATES = [
  (c, p) => ({ subject: `Your order ${ref()} is confirmed`, lines: [`Hi ${p},`, `Thanks for shopping with ${c.name}. We've received your order for ${pick(ITEMS)} and ${pick(ITEMS)}.`, `Order total: ${money()} (incl. VAT).`, `We'll email you again when it ships. You can view or change your order in your account.`], paths: ['account/orders', 'help/returns'] }),
  (c, p) => ({ subject: pick(['Your package is on its way', 'Shipped: your order', `Your ${c.name} order has shipped`]), lines: [`Hello ${p},`, `Good news: your parcel left our warehouse today and should arrive ${pick(['on Tuesday', 'within 2-3 working days', 'by Friday', 'next week'])}.`, `Tracking number: ${ref()}.`, 'You can follow the delivery on our website.'], paths: ['track', 'account/orders'] }),
  (c, p) => ({ subject: pick(['Reset your password', 'Password reset request', `Your ${c.name} password`]), lines: [`Hi ${p},`, `Someone (hopefully you) asked to reset the password for your ${c.name} account.`, 'Use the link below to choose a new password. The link works for 60 minutes.', "If you didn't ask for this, you can ignore this email: your password won't change."], paths: ['account/reset-password?token=' + ref()] }),
  (c, p) => ({ subject: pick(['New sign-in to your account', 'Security notice: new device', 'Was this you?']), lines: [`Hi ${p},`, `We noticed a new sign-in to your ${c.name} account from ${pick(['Firefox on Linux', 'Safari on iPhone', 'Chrome on Windows', 'Thunderbird'])} near ${pick(['Berlin', 'Leeds', 'Lyon', 'Toronto', 'Utrecht', 'Austin'])}.`, 'If this was you, there is nothing to do.', 'If not, please review your security settings from your account page.'], paths: ['account/security'] }),
  (c, p) => ({ subject: pick([`Your invoice ${ref()}`, 'Your monthly statement is ready', `Receipt for your payment to ${c.name}`]), lines: [`Dear ${p},`, `Your ${pick(['invoice', 'statement', 'receipt'])} for ${pick(['March', 'April', 'May', 'June', 'July', 'September', 'November'])} is available in your account.`, `Amount: ${money()}. ${pick(['It will be collected by direct debit on the 5th.', 'No action is needed.', 'Payment received, thank you.'])}`, `Kind regards, ${c.name} billing team`], paths: ['billing', 'account/documents'] }),
  (c, p) => ({ subject: pick([`${c.name} news: ${pick(['spring', 'summer', 'autumn', 'winter'])} update`, 'This month at ' + c.name, `What's new at ${c.name}`]), lines: [`Hello ${p},`, `Here is what happened at ${c.name} this month: ${pick(['new opening hours', 'a members evening on Thursday', 'our annual meeting', 'a new reading group', 'the results of the club championship'])}.`, `${pick(['Sign up for the next event on our site.', 'Read the full story on our blog.', 'Photos are on our website.'])}`, 'You receive this newsletter because you are a member. You can unsubscribe at any time.'], paths: ['news', 'events', 'newsletter/unsubscribe'], list: true }),
  (c, p) => ({ subject: pick(['Reminder: your appointment', 'Your booking is confirmed', 'See you soon']), lines: [`Dear ${p},`, `This is a reminder of your ${pick(['appointment', 'booking', 'reservation'])} on ${pick(['Monday', 'Wednesday', 'Saturday'])} at ${int(8, 18)}:${pick(['00', '15', '30', '45'])}.`, 'To reschedule or cancel, please use the link below or call us.', `Best wishes, ${c.name}`], paths: ['bookings', 'contact'] }),
  (c, p) => ({ subject: pick(['Your subscription renews soon', 'Your plan renews next week', 'Payment method expiring']), lines: [`Hi ${p},`, `Your ${c.name} ${pick(['subscription', 'membership', 'plan'])} renews on the ${int(1, 28)}th for ${money()}.`, 'If you want to change or cancel it, you can do so in your account settings before then.', 'Thanks for being with us.'], paths: ['account/subscription', 'help'] }),
  (c, p) => ({ subject: pick(['Please confirm your email address', 'Verify your email to finish signing up', 'Welcome! One more step']), lines: [`Welcome to ${c.name}, ${p}!`, 'Please confirm your email address so we know it is really you.', 'Click the button below to verify your email. If you did not create an account, ignore this message.'], paths: ['verify-email?code=' + ref()] }),
];

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function message(n) {
  const c = company();
  const p = pick(FIRST);
  const t = pick(TEMPLATES)(c, p);
  const www = pick([`www.${c.domain}`, c.domain, `account.${c.domain}`]);
  const links = t.paths.map((path) => `https://${www}/${path}`);
  if (random() < 0.5) links.push(`https://click.${c.domain}/l/${ref()}`);
  const social = random() < 0.3 ? [pick(['https://www.facebook.com/', 'https://www.instagram.com/', 'https://twitter.com/', 'https://www.linkedin.com/company/']) + c.domain.split('.')[0]] : [];
  const mailer = pick(['noreply', 'no-reply', 'hello', 'orders', 'info', 'billing', 'support', 'news']);
  const boundary = `----=_Part_${ref()}`;
  const text = [...t.lines, '', ...links.map((l) => `${l}`), '', `${c.name} · ${pick(['12 Market Street', 'Hauptstraße 5', '3 Rue des Lilas', '88 King Road'])}`].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif"><img src="https://${www}/img/logo.png" alt="${escapeHtml(c.name)}" width="120">\n${t.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n${links.map((l, i) => `<p><a href="${l}">${i === 0 ? pick(['View in your account', 'Open', 'Continue', 'See details', 'Choose a new password', 'Track your parcel']) : escapeHtml(l.replace(/^https:\/\//, ''))}</a></p>`).join('\n')}\n${social.map((s) => `<a href="${s}">Follow us</a>`).join(' ')}\n<p style="color:#888;font-size:12px">${escapeHtml(c.name)}</p></body></html>`;
  const headers = [
    `Return-Path: <bounce-${ref()}@${pick(['mail.', 'bounce.', ''])}${c.domain}>`,
    `Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=${c.domain}; dkim=pass header.d=${c.domain}; dmarc=pass header.from=${c.domain}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${c.domain}; s=${pick(['s1', 'mail', 'k1', 'selector1'])}; h=from:to:subject:date; bh=${ref()}=; b=${ref()}${ref()}=`,
    `From: ${c.name} <${mailer}@${c.domain}>`,
    `To: ${p} <${p.toLowerCase()}@example.org>`,
    `Subject: ${t.subject}`,
    `Date: ${date()}`,
    `Message-ID: <${ref()}.${ref()}@${c.domain}>`,
    'MIME-Version: 1.0',
    ...(t.list ? [`List-Unsubscribe: <https://${www}/newsletter/unsubscribe>, <mailto:unsubscribe@${c.domain}>`, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] : []),
  ];
  const plainOnly = random() < 0.15;
  const body = plainOnly
    ? ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text]
    : [`Content-Type: multipart/alternative; boundary="${boundary}"`, '', `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, `--${boundary}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', html, `--${boundary}--`];
  return [...headers, ...body, ''].join('\n');
}

mkdirSync(join(outDir, 'synthetic'), { recursive: true });
const rows = ['path\tlabel\tconfidence\tsource'];
for (let n = 1; n <= count; n++) {
  const path = `synthetic/synthetic-${String(n).padStart(4, '0')}.eml`;
  writeFileSync(join(outDir, path), message(n));
  rows.push(`${path}\tSAFE\tsynthetic\tsynthetic`);
}
writeFileSync(join(outDir, 'synthetic-labels.tsv'), `${rows.join('\n')}\n`);
console.log(`wrote ${count} messages and synthetic-labels.tsv to ${outDir}`);
