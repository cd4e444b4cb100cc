/** The longest wait an archive's Retry-After is believed for; beyond it, the header is taken as a day. */
const LONGEST_WAIT_MS = 24 * 60 * 60 * 1000;

/**
 * When a `Retry-After` header (RFC 9110: delay-seconds or an HTTP date) allows the next
 * request, in ms since the epoch; null when the header is absent or unreadable. A wait in the
 * past is now; an absurd one is capped at a day, so a hostile answer cannot park a source forever.
 */
export function retryAfter(header: string | null, now: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  let at: number;
  if (/^\d{1,10}$/.test(value)) at = now + Number(value) * 1000;
  else if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) at = Date.parse(value);
  else return null;
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at, now), now + LONGEST_WAIT_MS);
}
