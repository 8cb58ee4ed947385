import { expect, test } from 'vitest';
import { reasonText } from '../../popup/reason-text.ts';

test.each([
  ['s:invoice', { key: 'reasonSubjectWord', word: 'invoice' }],
  ['b:password', { key: 'reasonBodyWord', word: 'password' }],
  ['n:paypal', { key: 'reasonSenderName', word: 'paypal' }],
  ['fd:example.com', { key: 'reasonSenderDomain', word: 'example.com' }],
  ['ft:ru', { key: 'reasonSenderTld', word: 'ru' }],
  ['h:bit.ly', { key: 'reasonLinkDomain', word: 'bit.ly' }],
  ['ht:xyz', { key: 'reasonLinkTld', word: 'xyz' }],
  ['x:exe', { key: 'reasonAttachmentExtension', word: 'exe' }],
  ['ct:application/zip', { key: 'reasonAttachmentType', word: 'application/zip' }],
  ['#1234', { key: 'reasonOther', word: '#1234' }],
  ['link text shows another host than its target', { text: 'link text shows another host than its target' }],
  ['s:', { text: 's:' }],
  ['<img src=x onerror=alert(1)>', { text: '<img src=x onerror=alert(1)>' }],
])('%s', (feature, expected) => {
  expect(reasonText(feature)).toEqual(expected);
});
