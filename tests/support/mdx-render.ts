import { evaluateSync } from '@mdx-js/mdx';
import { parseHTML } from 'linkedom';
import { createElement, Fragment, type ReactNode } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';

/**
 * A docs page's MDX source rendered by the real MDX compiler, as the
 * independent reference for what a reader sees: ESM is dropped (imports of
 * site components cannot resolve here), every component renders its
 * `title`/`label` and its children (pass-through), Starlight's
 * `:::tip[Title]` asides render their title, and a fence's `title="…"` is
 * shown above its code, as Expressive Code's frame header (Starlight) and
 * Docusaurus's code block title show it. Returns the page's words.
 */
export function renderedMdxWords(source: string): string[] {
  const { document } = parseHTML(`<html><body>${renderMdxHtml(source).replace(/<\/(p|li|h\d|pre|td|th|aside)>/g, ' $&')}</body></html>`);
  return (document.body.textContent ?? '').split(/\s+/).filter(Boolean);
}

/** The page's HTML as the MDX compiler renders it (see renderedMdxWords). */
export function renderMdxHtml(source: string): string {
  const components: Record<string, (props: { title?: string; label?: string; children?: ReactNode }) => ReactNode> = {};
  const passThrough = (props: { title?: string; label?: string; children?: ReactNode }) =>
    createElement(Fragment, null, props.title ?? props.label ? createElement('p', null, props.title ?? props.label) : null, props.children);
  for (const match of source.matchAll(/<([A-Z]\w*)/g)) components[match[1]!] = passThrough;
  const { default: Content } = evaluateSync(withoutFrontMatter(source), {
    ...(runtime as object),
    development: false,
    useMDXComponents: () => components,
    remarkPlugins: [remarkGfm, remarkDirective, starlightAsides, dropEsm, codeTitles],
  } as Parameters<typeof evaluateSync>[1]);
  return renderToStaticMarkup(createElement(Content, { components }));
}

const withoutFrontMatter = (source: string) => source.replace(/^---\n[\s\S]*?\n---\n/, '');

interface MdastNode {
  type: string;
  name?: string;
  value?: string;
  data?: Record<string, unknown>;
  children?: MdastNode[];
}

const dropEsm = () => (tree: MdastNode) => {
  tree.children = tree.children?.filter((node) => node.type !== 'mdxjsEsm');
};

const starlightAsides = () => (tree: MdastNode) => {
  const walk = (node: MdastNode) => {
    for (const child of node.children ?? []) {
      if (child.type === 'containerDirective' && child.children) {
        const label = child.children[0]?.data?.directiveLabel ? child.children.shift() : null;
        const name = child.name ?? '';
        child.data = { hName: 'aside' };
        child.children.unshift({ type: 'paragraph', children: label?.children ?? [{ type: 'text', value: name.charAt(0).toUpperCase() + name.slice(1) }] });
      }
      walk(child);
    }
  };
  walk(tree);
};

/** A fence's `title="…"` meta, shown above its code as the sites' code frames do (a caption of its own). */
const codeTitles = () => (tree: MdastNode & { meta?: string | null }) => {
  const walk = (node: MdastNode) => {
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]! as MdastNode & { meta?: string | null };
      const title = child.type === 'code' ? /(?:^|\s)title=(["'])(.*?)\1/.exec(child.meta ?? '')?.[2] : undefined;
      if (title) {
        children.splice(i, 0, { type: 'paragraph', children: [{ type: 'text', value: title }] });
        i++;
      }
      walk(child);
    }
  };
  walk(tree);
};
