/**
 * Dates, times and sizes in the reader's locale. Intl formatters are slow to
 * create and fast to use, so each is made once per locale: a 200-version
 * timeline formats 400 dates.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let made = cache.get(key) as T | undefined;
  if (!made) cache.set(key, (made = make()));
  return made;
}

/** "Nov 20, 2026, 14:03" in the reader's locale. */
export function formatDateTime(time: number, locale?: string): string {
  return formatter(`dt:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(time);
}

export function formatDate(time: number, locale?: string): string {
  return formatter(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(time);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

/** "2 days ago", "in 3 hours", "now": the largest unit that fits, in the reader's locale. */
export function formatRelative(time: number, now: number, locale?: string): string {
  const format = formatter(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const delta = time - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.round(delta / size), unit);
  }
  return format.format(0, 'second');
}

/** "1.2 MB" in the reader's locale. */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** "14:05" in the reader's locale: when to try again, later today. */
export function formatClock(time: number, locale?: string): string {
  return formatter(`t:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(time);
}
