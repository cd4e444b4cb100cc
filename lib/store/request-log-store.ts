import type { HostRequests, RequestLog } from '../history/request-budget';
import { writeTransaction, type DocDeltaDB } from './open-db';

/**
 * The archive hosts' request counts and pauses, in the settings store, one key per host
 * (`requests:<host>`). The value is an object, so backups (which carry only plain setting
 * values) never export or import it. Each update is one transaction: two clicks at once
 * cannot both take the hour's last request.
 */
export const storedRequestLog = (db: DocDeltaDB): RequestLog => ({
  async update(host, change) {
    const tx = writeTransaction(db, ['settings']);
    const key = `requests:${host}`;
    const store = tx.objectStore('settings');
    const stored = (await store.get(key))?.value as HostRequests | undefined;
    let next: HostRequests;
    try {
      next = change(isHostRequests(stored) ? stored : { host, sent: [], pausedUntil: 0 });
    } catch (error) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw error;
    }
    await store.put({ key, value: next });
    await tx.done;
  },
});

/** A record as this code writes it; anything else (an older shape, a damaged value) starts a new count. */
function isHostRequests(value: unknown): value is HostRequests {
  const record = value as Partial<HostRequests> | null | undefined;
  return !!record && typeof record.host === 'string' && Array.isArray(record.sent) && record.sent.every((at) => typeof at === 'number') && typeof record.pausedUntil === 'number';
}
