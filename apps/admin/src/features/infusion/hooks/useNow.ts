import { useCallback, useEffect, useRef, useState } from 'react';

/** The current instant (epoch ms), re-read every `everyMs`: drives countdowns and elapsed times. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * "Now" read once per entry: a retry of an entry with a client id sends the same instant again,
 * so it is the same content and is stored once (a new instant would make it a different entry).
 */
export function useEntryNow(): () => string {
  const first = useRef<string | null>(null);
  return useCallback(() => (first.current ??= new Date().toISOString()), []);
}
