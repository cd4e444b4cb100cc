import { formatClock } from '../format-time';
import { HistoryError } from './history-error';

/**
 * How many requests DocDelta makes to one archive host in a sliding hour, and a pause the
 * host asked for (429 or 503 with Retry-After, a spent rate limit). Archives are shared,
 * free services: a reader paging through a timeline must not turn into a crawler.
 */
export class RequestBudget {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request to `host`, or throws (naming when to try again) if none may be sent now. */
  take(host: string, hostName: string): void {
    const now = this.now();
    const paused = this.pausedUntil.get(host) ?? 0;
    if (paused > now) throw new HistoryError(`${hostName} asked DocDelta to wait; try again after ${formatClock(paused)}.`, paused);
    const recent = (this.sent.get(host) ?? []).filter((at) => at > now - HOUR_MS);
    if (recent.length >= this.perHour) {
      const free = recent[0]! + HOUR_MS;
      this.sent.set(host, recent);
      throw new HistoryError(`DocDelta has asked ${hostName} ${this.perHour} times this hour, its limit for one archive; try again after ${formatClock(free)}.`, free);
    }
    recent.push(now);
    this.sent.set(host, recent);
  }

  /** The host asked for a pause until `until` (ms since the epoch). */
  pause(host: string, until: number): void {
    this.pausedUntil.set(host, Math.max(until, this.pausedUntil.get(host) ?? 0));
  }
}

const HOUR_MS = 60 * 60 * 1000;
