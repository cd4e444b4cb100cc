import type { OriginTag, PublishedSource, StoredVersion } from './schema';

/** The tag a source gave this version, if that source holds its text. */
export function originIn(version: Pick<StoredVersion, 'origins'>, source: PublishedSource): OriginTag | undefined {
  return version.origins?.find((tag) => tag.source === source);
}

/** The version's tags with `tag` in place of whatever its source said before. */
export function withOrigin(version: Pick<StoredVersion, 'origins'>, tag: OriginTag): OriginTag[] {
  return [...(version.origins ?? []).filter((known) => known.source !== tag.source), tag];
}

/** What a version is called in the timeline: the feed's label (the docs' publisher named it), else an archive's. */
export function originLabel(version: Pick<StoredVersion, 'origins'>): string | null {
  return originIn(version, 'feed')?.label ?? version.origins?.find((tag) => tag.label !== undefined)?.label ?? null;
}

/** A version as schema v2 (and backup format 1) kept its sources: a feed's tag and one archive's. */
export interface LegacyOrigins {
  feed?: { id: string; label?: string; time: number };
  archived?: OriginTag;
}

/** The same sources as one list of tags. */
export function originsFromLegacy(legacy: LegacyOrigins): OriginTag[] {
  return [...(legacy.feed ? [{ source: 'feed' as const, ...legacy.feed }] : []), ...(legacy.archived ? [legacy.archived] : [])];
}
