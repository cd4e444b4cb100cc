import { formatClock } from '../format-time';
import { HistoryError } from './history-error';

/** What DocDelta sent one archive host in the last hour, and a pause the host asked for. */
export interface HostRequests {
  host: string;
  /** When each request of the sliding hour was sent (ms since the epoch). */
  sent: number[];
  /** No request before this (ms since the epoch; 0: none asked). */
  pausedUntil: number;
}

/**
 * Where the counts live. `change` runs on the host's record at once, with nothing else
 * between its read and its write (one IndexedDB transaction in the background), and throwing
 * from it writes nothing.
 */
export interface RequestLog {
  update(host: string, change: (record: HostRequests) => HostRequests): Promise<void>;
}

/** Counts kept in memory: for tests and for tools that run once. */
export function requestsInMemory(): RequestLog {
  const records = new Map<string, HostRequests>();
  return {
    async update(host, change) {
      records.set(host, change(records.get(host) ?? { host, sent: [], pausedUntil: 0 }));
    },
  };
}

/**
 * How many requests DocDelta makes to one archive host in a sliding hour, and a pause the
 * host asked for (429 or 503 with Retry-After, a spent rate limit). Archives are shared,
 * free services: a reader paging through a timeline must not turn into a crawler. The counts
 * live in the log it is given: the background's is stored, so a worker the browser stopped
 * and started again (Chromium stops an idle one after 30 s) does not start a new hour.
 */
export class RequestBudget {
  constructor(
    private readonly perHour: number,
    private readonly now: () => number = Date.now,
    private readonly log: RequestLog = requestsInMemory(),
  ) {}

  /** Counts one request to `host`, or throws (naming when to try again) if none may be sent now. */
  take(host: string, hostName: string): Promise<void> {
    const now = this.now();
    return this.log.update(host, (record) => {
      if (record.pausedUntil > now) throw new HistoryError(`${hostName} asked DocDelta to wait; try again after ${formatClock(record.pausedUntil)}.`, record.pausedUntil);
      const recent = record.sent.filter((at) => at > now - HOUR_MS && at <= now);
      if (recent.length >= this.perHour) {
        const free = recent[0]! + HOUR_MS;
        throw new HistoryError(`DocDelta has asked ${hostName} ${this.perHour} times this hour, its limit for one archive; try again after ${formatClock(free)}.`, free);
      }
      return { ...record, sent: [...recent, now] };
    });
  }

  /** The host asked for a pause until `until` (ms since the epoch). */
  pause(host: string, until: number): Promise<void> {
    return this.log.update(host, (record) => ({ ...record, pausedUntil: Math.max(until, record.pausedUntil) }));
  }
}

const HOUR_MS = 60 * 60 * 1000;
