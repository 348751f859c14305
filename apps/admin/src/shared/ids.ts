import { v4 } from 'uuid';

/**
 * A random UUID for an entry the tablet makes (its retry key) or a row of a form. Browsers offer
 * `crypto.randomUUID()` only on https or localhost; a tablet on the clinic's LAN over plain http
 * would fail, so ids come from `uuid`, which needs only `crypto.getRandomValues`.
 */
export const newId = (): string => v4();
