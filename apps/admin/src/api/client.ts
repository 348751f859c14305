import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

const REFRESH_PATH = '/api/auth/refresh';
const isAuthPath = (url: string) => new URL(url, window.location.origin).pathname.startsWith('/api/auth/');

/**
 * A session that cannot be renewed ends the page: reloading at the login page drops everything
 * loaded under it (patient data included), then sign-in returns the user to where they were.
 */
function onSessionExpired(): void {
  const { pathname, search } = window.location;
  if (!pathname.startsWith('/login')) {
    window.location.assign(`/login?next=${encodeURIComponent(pathname + search)}`);
  }
}

// One refresh at a time: when several requests fail together they all wait for the same one.
let refreshing: Promise<boolean> | null = null;

function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(REFRESH_PATH, { method: 'POST', credentials: 'include' })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

// Requests are kept (cloned, body intact) until their response arrives so a 401 can be retried.
const pending = new Map<string, Request>();

/**
 * On a 401 from anything but /api/auth/*, renew the session once through the refresh cookie
 * and repeat the request; if the session cannot be renewed, send the user to the login page.
 */
const sessionRenewal: Middleware = {
  onRequest({ request, id }) {
    if (!isAuthPath(request.url)) pending.set(id, request.clone());
  },
  async onResponse({ response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !original) return undefined;
    if (await refreshSession()) {
      const retried = await fetch(original);
      if (retried.status !== 401) return retried;
    }
    onSessionExpired();
    return undefined;
  },
  onError({ id }) {
    pending.delete(id);
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'include' });
api.use(sessionRenewal);
