/**
 * How a site writes its markdown beyond CommonMark, GFM and MDX: declared in
 * the site table (`SiteRule.markdown`) next to the site's other rules.
 */
export interface MarkdownDialect {
  /** `auto` (default) reads a file as MDX when its top level holds ESM, JSX components or MDX comments. */
  format?: 'auto' | 'mdx' | 'markdown';
  /** The template language the site's build expands in its sources (see `templates.ts`). */
  templates?: 'hugo' | 'liquid' | 'kumascript';
  /** JSX attributes whose string value a component displays (tab, step and callout titles). */
  titleAttributes?: string[];
  /** Hugo shortcodes the page shows as a label (`note` → "Note:"; `heading whatsnext` → "What's next"). */
  shortcodeLabels?: Record<string, string>;
  /**
   * Hugo shortcodes (or Liquid includes, by file name) the page shows as one of their arguments
   * (`glossary_tooltip` → `text|term_id`: the first it has; `docs_version_badge.html` → `version`).
   */
  shortcodeTextArguments?: Record<string, string>;
  /** Hugo shortcodes whose body the page shows as code, as written (`code`, `highlight`). */
  shortcodeCode?: string[];
  /** Hugo shortcodes whose body the page shows only transformed (the site rule ignores that output on the live page). */
  shortcodeHidden?: string[];
  /**
   * The site's renderer sets straight quotes curly, `--` and `---` as dashes and `...` as an
   * ellipsis (Hugo's Goldmark does by default): the live page shows `can’t` where the source has `can't`.
   */
  typographer?: boolean;
  /**
   * Headings the site's layouts print above the article from its front matter, by the front
   * matter's `layout` (`*` for any other): `{'*': ['# {title}'], step: ['# Tutorial', '## {position}. {title}']}`.
   * `#`s give the level; a field the page lacks prints nothing, and a heading that prints nothing is left out.
   */
  layoutHeadings?: Record<string, string[]>;
  /** `Term` then `: definition` lines are a definition list (Goldmark, PHP Markdown Extra, Python-Markdown's def_list). */
  definitionLists?: boolean;
}

export const DEFAULT_TITLE_ATTRIBUTES = ['title', 'label'];

/**
 * A dialect table's entry for a name a source wrote (a shortcode, an include, a layout): its own
 * entries only, so `{{< toString >}}` or `{% include constructor %}` finds nothing rather than
 * what every object inherits.
 */
export function entryFor<T>(table: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}
