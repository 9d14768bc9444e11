import { isEmail } from 'class-validator';
import { normaliseEmail } from '../../../../src/common/identity/email-address';

describe('normaliseEmail', () => {
  it.each([
    ['composed and decomposed é (NFC / NFD)', 'jos\u00e9@example.com', 'jose\u0301@example.com'],
    ['fullwidth and ASCII letters', '\uff4a\uff4f\uff48\uff4e@example.com', 'john@example.com'],
    ['a fullwidth @ and dot', 'john\uff20example\uff0ecom', 'john@example.com'],
    ['a Unicode domain and its A-label', 'bob@ex\u00e4mple.com', 'bob@xn--exmple-cua.com'],
    ['an upper-case Unicode domain', 'bob@EX\u00c4MPLE.COM', 'bob@xn--exmple-cua.com'],
    ['case and surrounding space', '  Ann@Example.COM\t', 'ann@example.com'],
  ])('gives one form for %s', (_label, a, b) => {
    expect(normaliseEmail(a)).toBe(normaliseEmail(b));
  });

  it('converts a Unicode domain to its IDNA A-label and composes the local part', () => {
    expect(normaliseEmail('Jose\u0301@Ex\u00e4mple.com')).toBe('jos\u00e9@xn--exmple-cua.com');
  });

  it.each([
    'ann@example.com',
    'first.last+tag@sub.example.co.uk',
    'x_y-z@foo-bar.test',
    "o'brien@example.org",
    'jos\u00e9@xn--exmple-cua.com',
  ])('leaves an address already in normal form unchanged (%s): stored ASCII addresses need no migration', (email) => {
    expect(normaliseEmail(email)).toBe(email);
  });

  it.each([
    'Jose\u0301@EX\u00c4MPLE.com',
    '\uff2a\uff4f\uff48\uff4e\uff20\uff45\uff58.com',
    'bob@exa%41mple.com',
    'no-at-sign',
    'a@b@c.com',
  ])('is idempotent (%s)', (email) => {
    expect(normaliseEmail(normaliseEmail(email))).toBe(normaliseEmail(email));
  });

  it('never applies URL-host rules (percent-decoding, IPv4 numerals) to a mail domain', () => {
    expect(normaliseEmail('bob@ex%41.com')).toBe('bob@ex%41.com');
    expect(normaliseEmail('bob@0x7f.1')).toBe('bob@0x7f.1');
  });

  it('produces addresses class-validator accepts, for every spelling the issue lists', () => {
    for (const email of ['jose\u0301@example.com', '\uff4a\uff4f\uff48\uff4e@example.com', 'bob@ex\u00e4mple.com']) {
      expect(isEmail(normaliseEmail(email))).toBe(true);
    }
  });
});
