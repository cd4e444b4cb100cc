import { FAILSAFE_SCHEMA, load } from 'js-yaml';

/**
 * Jekyll's `site` as a page's Liquid sees it: the keys of `_config.yml`, and
 * `site.data.<name>` for each file in `_data/` (folders nest, as in Jekyll).
 * Read with YAML's failsafe schema so every value is the text as written:
 * `version: 4.0` prints `4.0`, as Jekyll prints it, not JavaScript's `4`.
 */
export type SiteValue = string | SiteValue[] | { [key: string]: SiteValue };

export interface SiteFiles {
  /** The text of a file in the site's folder, or null when it has none. */
  read(path: string): string | null;
  /** Every file under `_data/`, as paths relative to the site's folder. */
  dataFiles(): string[];
}

export function loadJekyllSite(files: SiteFiles): { [key: string]: SiteValue } {
  const site = asObject(parseYaml(files.read('_config.yml'), '_config.yml'));
  // No prototype: a data file named `__proto__.yml` is a key like any other.
  const data: { [key: string]: SiteValue } = Object.create(null) as { [key: string]: SiteValue };
  for (const path of files.dataFiles()) {
    const match = /^_data\/(.+)\.(ya?ml|json)$/i.exec(path);
    if (!match) continue;
    // `_data/members/team.yml` is `site.data.members.team`.
    const keys = match[1]!.split('/');
    let folder = data;
    for (const key of keys.slice(0, -1)) folder = asObject((folder[key] ??= Object.create(null) as { [key: string]: SiteValue }));
    folder[keys.at(-1)!] = parseYaml(files.read(path), path) ?? '';
  }
  site.data = data;
  return site;
}

function parseYaml(text: string | null, path: string): SiteValue | null {
  if (text === null) return null;
  try {
    // JSON is YAML; failsafe keeps every scalar a string.
    return (load(text, { schema: FAILSAFE_SCHEMA, filename: path }) as SiteValue | undefined) ?? null;
  } catch {
    // A file Jekyll could not read either: the variables it holds print nothing.
    return null;
  }
}

const asObject = (value: SiteValue | null): { [key: string]: SiteValue } =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};

/**
 * Writes each `{{ site.a.b }}` output whose value is text in place of the
 * output, as Jekyll's render does, so the feed's markdown says `4.3.4` where
 * the page does. Outputs with filters, other variables and anything inside
 * `{% raw %}` stay as written (DocDelta's Liquid rule then shows nothing for
 * them). One forward pass with `indexOf`.
 */
export function expandSiteVariables(markdown: string, site: { [key: string]: SiteValue }): string {
  let out = '';
  let pos = 0;
  // Where the next raw block starts, found once and reused until passed.
  let raw = markdown.indexOf('{% raw %}');
  while (pos < markdown.length) {
    const open = markdown.indexOf('{{', pos);
    if (open < 0) break;
    if (raw >= 0 && raw < pos) raw = markdown.indexOf('{% raw %}', pos);
    if (raw >= 0 && raw < open) {
      const end = markdown.indexOf('{% endraw %}', raw);
      const after = end < 0 ? markdown.length : end + 12;
      out += markdown.slice(pos, after);
      pos = after;
      continue;
    }
    const close = markdown.indexOf('}}', open + 2);
    if (close < 0) break;
    const value = siteValue(markdown.slice(open + 2, close), site);
    out += markdown.slice(pos, open) + (value ?? markdown.slice(open, close + 2));
    pos = close + 2;
  }
  return out + markdown.slice(pos);
}

function siteValue(rawInner: string, site: { [key: string]: SiteValue }): string | null {
  const inner = rawInner.replace(/^-/, '').replace(/-$/, '').trim();
  if (inner.length > 200 || !/^site(\.[\w-]+)+$/.test(inner)) return null;
  let value: SiteValue | undefined = site;
  for (const key of inner.split('.').slice(1)) {
    value = value !== undefined && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  }
  return typeof value === 'string' ? value : null;
}
