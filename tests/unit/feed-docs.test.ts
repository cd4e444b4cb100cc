import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { feedJsonSchemas } from '../../lib/feed/feed-json-schema';
import { parseFeedIndex, parsePageShard, parseVersionList } from '../../lib/feed/parse-feed-file';

const docs = resolve(import.meta.dirname, '../../docs');
const formatDoc = readFileSync(resolve(docs, 'feed-format.md'), 'utf8');

describe('the feed documentation stays true', () => {
  test('the published JSON Schemas are the validator\'s own', () => {
    for (const [name, schema] of Object.entries(feedJsonSchemas())) {
      const published = JSON.parse(readFileSync(resolve(docs, 'feed-schema', name), 'utf8'));
      expect(published, `docs/feed-schema/${name} is stale: run npx jiti scripts/feed-schema.ts`).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  test('every example in docs/feed-format.md passes the validator', () => {
    const parsers = { index: parseFeedIndex, pages: parsePageShard, versions: parseVersionList };
    const examples = [...formatDoc.matchAll(/<!-- example: (\w+) -->\n```json\n([\s\S]*?)```/g)];
    expect(examples.map((m) => m[1]).sort()).toEqual(['index', 'pages', 'versions']);
    for (const [, kind, body] of examples) {
      expect(() => parsers[kind as keyof typeof parsers](body!, 'https://feeds.example.org/drf/index.json'), kind).not.toThrow();
    }
  });
});
