import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A patient's follow-up link token: 32 random bytes and their HMAC-SHA256 under the clinic
 * deployment's link key, both base64url (`<secret>.<signature>`, 87 characters). Only the token's
 * SHA-256 is stored, so the database alone cannot produce a working link, and a token that was not
 * signed with the key is refused before the database is asked.
 */
const PART = /^[A-Za-z0-9_-]{43}$/;
const LABEL = 'cadence follow-up link v1:';

const signatureOf = (key: Buffer, secret: string) =>
  createHmac('sha256', key)
    .update(LABEL + secret)
    .digest('base64url');

/** What is stored in FollowUpLink.tokenHash. */
export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function newLinkToken(key: Buffer): { token: string; tokenHash: string } {
  const secret = randomBytes(32).toString('base64url');
  const token = `${secret}.${signatureOf(key, secret)}`;
  return { token, tokenHash: tokenHashOf(token) };
}

/** The stored hash a well-formed token signed with `key` would have; undefined for any other string. */
export function verifiedTokenHash(key: Buffer, token: string): string | undefined {
  const [secret, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !PART.test(secret ?? '') || !PART.test(signature ?? '')) return undefined;
  const expected = Buffer.from(signatureOf(key, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? tokenHashOf(token) : undefined;
}
