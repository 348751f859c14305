/** Failed sign-ins still inside the window for one scope, and when the oldest of them leaves it. */
export interface ScopeFailures {
  count: number;
  /** Seconds until the oldest failure in the window expires; 0 when there is none. */
  oldestExpiresInSeconds: number;
}

export interface LoginFailures {
  /** This account from this address. */
  pair: ScopeFailures;
  /** This account from every address. */
  account: ScopeFailures;
  /** Every account from this address. */
  address: ScopeFailures;
}

export interface ThrottleLimits {
  pair: number;
  account: number;
  address: number;
}

/**
 * How the sign-in limit counts. Failures are counted per account *and* address: five wrong
 * passwords lock out only that account from that address, so a stranger cannot lock a nurse out
 * of her own workstation with five requests. Guessing one account from many addresses is capped
 * by a higher per-account limit, and one address trying many accounts (password spraying) by a
 * per-address limit, set high enough for a front-desk computer that the whole staff shares.
 * A fixed window, not a progressive delay: a delay still lets every request in the window be
 * verified, while a refusal answered before the password is checked costs nothing.
 */
export function throttleLimits(maxFailures: number): ThrottleLimits {
  return { pair: maxFailures, account: maxFailures * 4, address: maxFailures * 4 };
}

/** Seconds to wait before trying again, or undefined when another attempt may be verified now. */
export function retryAfterSeconds(failures: LoginFailures, limits: ThrottleLimits): number | undefined {
  const tripped = (['pair', 'account', 'address'] as const).filter((scope) => failures[scope].count >= limits[scope]);
  if (tripped.length === 0) return undefined;
  // Every tripped scope must have room again, so wait for the slowest.
  return Math.max(1, ...tripped.map((scope) => Math.ceil(failures[scope].oldestExpiresInSeconds)));
}
