import { retryAfterSeconds, throttleLimits, type LoginFailures } from './login-throttle';

const none = { count: 0, oldestExpiresInSeconds: 0 };
const failures = (overrides: Partial<LoginFailures>): LoginFailures => ({
  pair: none,
  account: none,
  address: none,
  ...overrides,
});

describe('login throttle', () => {
  const limits = throttleLimits(5);

  it('counts per account and address, with higher limits for the account and the address alone', () => {
    expect(limits).toEqual({ pair: 5, account: 20, address: 20 });
  });

  it('lets the attempt below each limit through and refuses at the limit', () => {
    expect(retryAfterSeconds(failures({ pair: { count: 4, oldestExpiresInSeconds: 600 } }), limits)).toBeUndefined();
    expect(retryAfterSeconds(failures({ pair: { count: 5, oldestExpiresInSeconds: 600 } }), limits)).toBe(600);
    expect(retryAfterSeconds(failures({ account: { count: 19, oldestExpiresInSeconds: 10 } }), limits)).toBeUndefined();
    expect(retryAfterSeconds(failures({ account: { count: 20, oldestExpiresInSeconds: 10 } }), limits)).toBe(10);
    expect(retryAfterSeconds(failures({ address: { count: 20, oldestExpiresInSeconds: 7.2 } }), limits)).toBe(8);
  });

  it('does not let five failures from a stranger lock the account out from its own address', () => {
    // The stranger's five failures count against the account, not against the user's own pair.
    const user = failures({ account: { count: 5, oldestExpiresInSeconds: 900 } });
    expect(retryAfterSeconds(user, limits)).toBeUndefined();
  });

  it('waits for the slowest tripped scope, and at least one second', () => {
    const both = failures({
      pair: { count: 5, oldestExpiresInSeconds: 30 },
      address: { count: 25, oldestExpiresInSeconds: 400 },
    });
    expect(retryAfterSeconds(both, limits)).toBe(400);
    expect(retryAfterSeconds(failures({ pair: { count: 5, oldestExpiresInSeconds: 0 } }), limits)).toBe(1);
  });
});
