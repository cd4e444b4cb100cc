/** Writes docs/feed-schema/*.schema.json from lib/feed/feed-schema.ts.  npx jiti scripts/feed-schema.ts */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { feedJsonSchemas } from '../lib/feed/feed-json-schema';

const dir = resolve(import.meta.dirname, '../docs/feed-schema');
for (const [name, schema] of Object.entries(feedJsonSchemas())) {
  writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote docs/feed-schema/${name}`);
}
