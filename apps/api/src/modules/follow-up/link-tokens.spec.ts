import { randomBytes } from 'node:crypto';
import { newLinkToken, tokenHashOf, verifiedTokenHash } from './link-tokens';

describe('follow-up link tokens', () => {
  const key = randomBytes(32);

  it('makes a URL-safe token whose hash is what verification answers, and never the token itself', () => {
    const { token, tokenHash } = newLinkToken(key);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(verifiedTokenHash(key, token)).toBe(tokenHash);
    expect(tokenHash).toBe(tokenHashOf(token));
    expect(tokenHash).not.toContain(token.split('.')[0]);
    expect(newLinkToken(key).token).not.toBe(token);
  });

  it('refuses a token with any character changed, signed with another key, or malformed', () => {
    const { token } = newLinkToken(key);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(verifiedTokenHash(key, changed)).toBeUndefined();
    }
    expect(verifiedTokenHash(randomBytes(32), token)).toBeUndefined();
    for (const bad of ['', '.', token.split('.')[0], `${token}.x`, `${token}=`, token.replace('.', '')])
      expect(verifiedTokenHash(key, bad)).toBeUndefined();
  });
});
