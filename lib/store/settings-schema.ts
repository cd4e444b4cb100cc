import * as v from 'valibot';
import { patternFromInput } from '../sites/custom-sites';

/** What the reader can set, as stored: each setting DocDelta knows, with the values it accepts. */
export const RetentionSchema = v.strictObject({
  maxVersions: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
  maxAgeDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(36_500)),
  /** The most DocDelta stores in all, in MB; 0 leaves it to the browser's quota. Absent in older settings. */
  maxStorageMB: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)), 500),
});

export const CustomSitesSchema = v.pipe(
  v.array(
    v.strictObject({
      id: v.string(),
      name: v.pipe(v.string(), v.maxLength(300)),
      pattern: v.pipe(v.string(), v.maxLength(300)),
      contentSelector: v.nullable(v.pipe(v.string(), v.maxLength(500))),
    }),
  ),
  v.maxLength(500),
  v.check((sites) => sites.every((site) => site.id === `custom:${site.pattern}` && isUsablePattern(site.pattern)), 'a site has a pattern DocDelta cannot use'),
);

function isUsablePattern(pattern: string): boolean {
  try {
    return patternFromInput(pattern) === pattern;
  } catch {
    return false;
  }
}

