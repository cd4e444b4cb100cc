import * as v from 'valibot';
import { CustomSitesSchema, RetentionSchema } from '../store/settings-schema';
import { kindOfAlwaysPrefix } from '../history/archive-sources';
import type { CustomSite } from '../sites/custom-sites';
import { FOLLOW_PREFIX, readFollow } from '../follow/follow-record';

const SiteId = /^[\w.:/*-]{1,300}$/;

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Why a setting from an import file cannot be stored, or null when it can. */
export function settingProblem(key: string, value: unknown): string | null {
  if (key === 'retention') return typeof value === 'string' && v.is(RetentionSchema, parsedJson(value)) ? null : 'the history limits are out of range';
  if (key === 'custom-sites') return typeof value === 'string' && v.is(CustomSitesSchema, parsedJson(value)) ? null : 'the added sites are not valid';
  const [kind, siteId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'highlights' && SiteId.test(siteId)) return typeof value === 'boolean' ? null : 'a highlights switch is not on or off';
  if (kind === 'site-off' && SiteId.test(siteId)) return value === true ? null : 'a site switch is not valid';
  if (kindOfAlwaysPrefix(kind) && SiteId.test(siteId)) return value === true ? null : 'a history source switch is not valid';
  if (`${kind}:` === FOLLOW_PREFIX && SiteId.test(siteId)) return readFollow(siteId, value) ? null : 'a followed site is not valid';
  return `"${key.slice(0, 60)}" is not a setting DocDelta has`;
}

/** The sites a file's settings add (none when it adds none; its settings were checked by settingProblem). */
export function customSitesIn(settings: ReadonlyArray<{ key: string; value: unknown }>): CustomSite[] {
  const value = settings.find((setting) => setting.key === 'custom-sites')?.value;
  const parsed = typeof value === 'string' ? v.safeParse(CustomSitesSchema, parsedJson(value)) : null;
  return parsed?.success ? parsed.output : [];
}
