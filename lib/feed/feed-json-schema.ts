import { toJsonSchema } from '@valibot/to-json-schema';
import { FeedIndexSchema, PageShardSchema, VersionListSchema } from './feed-schema';

/**
 * The published JSON Schemas (docs/feed-schema/), made from the validator's
 * own schemas so the two cannot drift. Checks JSON Schema cannot express
 * (unique ids, newest-first order, real dates) are listed in docs/feed-format.md.
 */
export function feedJsonSchemas(): Record<string, object> {
  const make = (schema: Parameters<typeof toJsonSchema>[0], title: string) => ({
    ...toJsonSchema(schema, { errorMode: 'ignore' }),
    title,
  });
  return {
    'index.schema.json': make(FeedIndexSchema, 'DocDelta feed: site index'),
    'pages.schema.json': make(PageShardSchema, 'DocDelta feed: page shard'),
    'versions.schema.json': make(VersionListSchema, 'DocDelta feed: version list'),
  };
}
