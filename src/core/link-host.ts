/**
 * The host a link points at, the way a browser would read it: lower-cased, without userinfo, port
 * or trailing dot. '' for anything but http(s) (mailto:, tel:, cid:, relative paths, garbage).
 *
 * Hand-rolled rather than `new URL()` because URL converts Unicode hosts to punycode and rejects
 * hosts a browser still opens; phishing lives in exactly those corners, so we keep the host as
 * written (`xn--` or Unicode) and let the features judge it.
 */
export function linkHost(href: string): string {
  let rest: string;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') return '';
    rest = href.slice(scheme[0].length);
  } else if (/^[\\/]{2}/.test(href)) {
    // Protocol-relative `//host/path` opens over http(s).
    rest = href;
  } else {
    return '';
  }

  // Browsers accept `http:/host`, `http:\\host` and `http:host` alike.
  let start = 0;
  while (start < rest.length && (rest[start] === '/' || rest[start] === '\\')) start++;
  let end = start;
  while (end < rest.length && !'/\\?#'.includes(rest[end] ?? '')) end++;
  let authority = rest.slice(start, end);

  // `https://paypal.com@evil.example/` goes to evil.example: the last '@' ends the userinfo.
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);

  let host: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    host = close < 0 ? authority : authority.slice(0, close + 1);
  } else {
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
  }

  if (host.includes('%')) {
    // Browsers percent-decode hosts, so `%70aypal.com` is paypal.com.
    try {
      host = decodeURIComponent(host);
    } catch {
      // Malformed escapes stay as written.
    }
  }
  host = host.trim().toLowerCase();
  while (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}
