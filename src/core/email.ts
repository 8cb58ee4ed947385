/**
 * A message as the features see it: decoded, normalised, bounded. Built by `parseEmail` from raw
 * RFC 822 bytes; nothing here is trusted (every string came from the sender).
 */
export interface Email {
  /** Header fields in message order, keys lower-cased, values decoded (RFC 2047), unfolded. */
  headers: readonly HeaderField[];
  subject: string;
  from: Mailbox | null;
  replyTo: readonly Mailbox[];
  /** The address in Return-Path, without angle brackets; '' when absent. */
  returnPath: string;
  /** Visible text: the text/plain body, or the HTML body turned into text (no scripts, styles or hidden elements). Capped. */
  text: string;
  /** Which bodies the message had. */
  hasPlainBody: boolean;
  hasHtmlBody: boolean;
  /** HTML facts that matter for junk: images, hidden text, forms. Zero when there is no HTML. */
  html: HtmlFacts;
  /** Links found in the HTML (<a href>) and bare URLs in the text. Capped. */
  links: readonly Link[];
  attachments: readonly Attachment[];
  /** Size in bytes of the raw message as given (before caps). */
  rawSize: number;
  /** True when a body was cut at the size cap. */
  truncated: boolean;
}

export interface HeaderField {
  key: string;
  value: string;
}

export interface Mailbox {
  /** Display name, '' when absent. */
  name: string;
  /** Lower-cased address, '' when unparseable. */
  address: string;
}

export interface Link {
  /** The target URL as written (trimmed). */
  href: string;
  /** Lower-cased host of the target ('' when not http(s) or unparseable); IDNs stay as written (xn-- or Unicode). */
  host: string;
  /** The visible text of the anchor ('' for bare URLs in text). */
  text: string;
}

export interface Attachment {
  filename: string;
  mimeType: string;
  /** Size in bytes of the decoded content (0 when unknown). */
  size: number;
}

export interface HtmlFacts {
  /** Number of <img> elements. */
  images: number;
  /** Characters of text inside hidden elements (display:none, visibility:hidden, font-size:0, ...). */
  hiddenChars: number;
  /** Number of <form> elements and password / text inputs. */
  forms: number;
  /** Characters of visible text in the HTML body. */
  visibleChars: number;
}
