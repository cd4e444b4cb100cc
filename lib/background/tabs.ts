// What the background knows of each open tab, in one place, forgotten with the tab. The
// background may be stopped at any time (a service worker, an event page): none of this is
// precious, only a shortcut or a message waiting for the tab's next read.

interface TabRecord {
  /** The page the tab last reported, so the popup's timeline can be read while the tab is asked. */
  pageKey?: string;
  /** Why DocDelta could not store the tab's page, for its popup to say (storage full, …). */
  problem?: string;
  /** Opened from the changes page: the version to compare the page with once it is read. */
  pendingBaseline?: { pageKey: string; versionId: number };
}

const records = new Map<number, TabRecord>();

const recordOf = (tabId: number): TabRecord => records.get(tabId) ?? (records.set(tabId, {}), records.get(tabId)!);

export const tabs = {
  get: (tabId: number): Readonly<TabRecord> => records.get(tabId) ?? {},
  /** Merges `fields` into the tab's record (a field set to undefined is cleared). */
  update(tabId: number, fields: Partial<TabRecord>): void {
    Object.assign(recordOf(tabId), fields);
  },
  /** The pages shown in open tabs (kept through retention and the storage budget). */
  openPages: (): Set<string> => new Set([...records.values()].flatMap((record) => (record.pageKey ? [record.pageKey] : []))),
  forget: (tabId: number): void => void records.delete(tabId),
};
