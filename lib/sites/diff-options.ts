import { defaultLimits, type DiffOptions } from '../diff/limits';
import type { SiteRule } from './site-rule';

/** How a site's versions are compared: the default bounds, and whether its dates are content. */
export function diffOptionsFor(site: Pick<SiteRule, 'volatileIsContent'> | undefined): DiffOptions {
  return { ...defaultLimits, volatileIsContent: site?.volatileIsContent ?? false };
}
