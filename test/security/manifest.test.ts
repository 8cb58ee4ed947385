import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * DESIGN §1.5: nothing leaves the machine. The manifest asks for no host or network permission,
 * loads no remote code and keeps Thunderbird's default MV3 content security policy; every page
 * loads only scripts packaged with the add-on.
 */
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;

// The Thunderbird permissions Tagwise needs (THUNDERBIRD.md); anything else must be argued for here.
const ALLOWED = ['messagesRead', 'accountsRead', 'messagesUpdate', 'messagesTags', 'messagesTagsList', 'messagesMove', 'menus', 'storage', 'alarms'];

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];

describe('manifest.json', () => {
  test('is Manifest V3', () => {
    expect(manifest.manifest_version).toBe(3);
  });

  test('asks only for the permissions Tagwise needs, and no host, network or optional ones', () => {
    const permissions = manifest.permissions as string[];
    expect(permissions.filter((p) => !ALLOWED.includes(p))).toEqual([]);
    expect(permissions.some((p) => p.includes('://') || p.includes('*') || p === '<all_urls>')).toBe(false);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'content_scripts', 'externally_connectable', 'web_accessible_resources']) {
      expect(manifest[key], key).toBeUndefined();
    }
    expect(permissions).not.toContain('webRequest');
  });

  test('keeps the default content security policy (no unsafe-eval, no remote script sources)', () => {
    expect(manifest.content_security_policy).toBeUndefined();
  });

  test('names no remote resource anywhere (no update_url, no remote icons or pages)', () => {
    expect(strings(manifest).filter((s) => /^(?:https?|wss?|ftp):/i.test(s) || s.startsWith('//'))).toEqual([]);
    expect((manifest.browser_specific_settings as { gecko: Record<string, unknown> }).gecko.update_url).toBeUndefined();
  });

  test('runs a packaged module as its background', () => {
    const background = manifest.background as { scripts: string[]; type: string };
    expect(background.type).toBe('module');
    expect(background.scripts.every((s) => !s.includes(':') && s.endsWith('.js'))).toBe(true);
  });
});

describe('the pages', () => {
  const pages = ['options', 'popup'].flatMap((dir) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
    } catch {
      return [];
    }
  });

  test.each(pages)('%s loads only packaged scripts and styles, and has no inline script or handler', (page) => {
    const html = readFileSync(page, 'utf8');
    for (const [, src] of html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"' >]+)/gi)) {
      expect(src, page).not.toMatch(/^(?:[a-z]+:)?\/\//i);
    }
    // Inline scripts and on* attributes would need 'unsafe-inline'; the default CSP blocks them anyway.
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<iframe\b|<object\b|<embed\b/i);
  });
});
