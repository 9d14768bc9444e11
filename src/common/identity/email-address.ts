import { domainToASCII } from 'node:url';

/** The longest address we accept (RFC 5321's path limit less the angle brackets). */
export const EMAIL_MAX_LENGTH = 254;

// Labels UTS #46 can convert: letters, marks, digits, hyphens and the dots it maps to '.'.
// Anything else ('%', '[', ...) is left alone: domainToASCII would apply URL-host rules to it
// (percent-decoding, IPv4 numerals) that have nothing to do with mail domains.
const IDN_DOMAIN = /^[\p{L}\p{M}\p{N}\-.\u3002\uFF61]+$/u;
const ASCII = /^\p{ASCII}*$/u;

/**
 * THE normal form of an email address: what is stored, looked up, compared for uniqueness and
 * hashed into throttling keys, so one mailbox is one account whatever form a client typed.
 *
 * - NFKC over the whole address, not NFC: the issue's `ｊｏｈｎ@…` (fullwidth) must meet
 *   `john@…`, and only compatibility normalisation folds width (it also folds `＠` and `．`
 *   before we split). NFKC is what PRECIS applies to identifiers (RFC 8265's width mapping is
 *   a subset of it); composed and decomposed `josé` both come out composed.
 * - Lower-cased, as before. Strictly the local part is case-sensitive (RFC 5321 2.4), but no
 *   real mailbox provider treats `Ann` and `ann` as two people.
 * - A non-ASCII domain becomes its IDNA A-label (`exämple.com` → `xn--exmple-cua.com`) with
 *   Node's WHATWG/UTS #46 implementation, so both spellings of one domain are one key. An
 *   ASCII domain is only lower-cased, which for the LDH names a valid address can carry is
 *   exactly what IDNA would return: stored ASCII addresses are already in this form.
 * A domain IDNA refuses stays as typed (lower-cased): validation then refuses the address, and
 * a lookup simply finds nothing.
 *
 * Idempotent: normaliseEmail(normaliseEmail(x)) === normaliseEmail(x).
 */
export function normaliseEmail(email: string): string {
  const folded = email.normalize('NFKC').trim().toLowerCase().normalize('NFC');
  const at = folded.lastIndexOf('@');
  if (at < 0) return folded;
  const local = folded.slice(0, at);
  const domain = folded.slice(at + 1);
  return `${local}@${asciiDomain(domain)}`;
}

function asciiDomain(domain: string): string {
  if (ASCII.test(domain) || !IDN_DOMAIN.test(domain)) return domain;
  return domainToASCII(domain) || domain;
}

/** class-transformer's @Transform: normalises strings, leaves anything else to the validators. */
export const normalisedEmail = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normaliseEmail(value) : value);

/**
 * How an email is described in the OpenAPI document: Unicode local parts are allowed (as @IsEmail
 * allows them), so the JSON Schema format is idn-email, not email (ASCII only).
 */
export const EMAIL_JSON_SCHEMA = {
  format: 'idn-email',
  description: 'Stored and answered in one normal form: NFKC, lower case, the domain as its IDNA A-label.',
};
