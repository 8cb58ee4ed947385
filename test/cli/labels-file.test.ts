import { describe, expect, it, test } from 'vitest';
import { LabelsFileError, parseLabels } from '../../src/cli/labels-file.ts';

const AT = '/data/corpus/labels.tsv';

describe('parseLabels', () => {
  test.each([
    {
      name: 'the corpus layout: header, source in the 4th column',
      text: 'path\tlabel\tconfidence\tsource\na/x.eml\tSPAM\th\tpot\n',
      expected: { path: 'a/x.eml', resolved: '/data/corpus/a/x.eml', label: 'SPAM', source: 'pot', line: 2 },
    },
    {
      name: 'a header that puts the source elsewhere',
      text: 'path\tlabel\tsource\tnote\nb/y.eml\tSAFE\tlist\tfine\n',
      expected: { path: 'b/y.eml', resolved: '/data/corpus/b/y.eml', label: 'SAFE', source: 'list', line: 2 },
    },
    {
      name: 'no header, no source: the first path segment',
      text: 'spamassassin/ham/1.eml\tSAFE\n',
      expected: { path: 'spamassassin/ham/1.eml', resolved: '/data/corpus/spamassassin/ham/1.eml', label: 'SAFE', source: 'spamassassin', line: 1 },
    },
    {
      name: 'no header, four columns: the 4th is the source',
      text: 'x.eml\tthreat\tl\thoneypot\n',
      expected: { path: 'x.eml', resolved: '/data/corpus/x.eml', label: 'THREAT', source: 'honeypot', line: 1 },
    },
    {
      name: 'an absolute path stays as written; CRLF lines',
      text: 'path\tlabel\r\n/mail/z.eml\tSAFE\r\n',
      expected: { path: '/mail/z.eml', resolved: '/mail/z.eml', label: 'SAFE', source: 'mail', line: 2 },
    },
  ])('$name', ({ text, expected }) => {
    expect(parseLabels(text, AT)).toEqual([expected]);
  });

  it('skips blank lines and comments but keeps true line numbers', () => {
    const entries = parseLabels('path\tlabel\n\n# note\nm.eml\tSPAM\n', AT);
    expect(entries.map((e) => e.line)).toEqual([4]);
  });

  it('reports every bad line with its number', () => {
    const text = 'path\tlabel\nok.eml\tSAFE\nno-tab.eml SAFE\nbad.eml\tHAM\n\tSPAM\n';
    let error: unknown;
    try {
      parseLabels(text, AT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabelsFileError);
    const message = (error as Error).message;
    expect(message).toContain('3 bad line(s)');
    expect(message).toContain('line 3: expected path<TAB>label');
    expect(message).toContain("line 4: unknown label 'HAM'");
    expect(message).toContain('line 5: empty path');
  });
});
