import * as v from 'valibot';
import { FeedError } from './feed-error';
import { DeltaFileSchema, FEED_FORMAT_VERSION, FeedIndexSchema, PageShardSchema, VersionListSchema } from './feed-schema';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** Rejects keys that could reach Object.prototype anywhere in parsed JSON, and absurd nesting. */
function checkKeys(value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw new FeedError('the file is nested too deeply');
  if (Array.isArray(value)) {
    for (const item of value) checkKeys(item, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new FeedError(`the file contains a forbidden key "${key}"`);
      checkKeys((value as Record<string, unknown>)[key], depth + 1);
    }
  }
}

function parseJson(text: string, url: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedError(`not valid JSON: ${(error as Error).message}`, url);
  }
  try {
    checkKeys(value);
  } catch (error) {
    throw new FeedError((error as Error).message, url);
  }
  return value;
}

function validate<S extends v.GenericSchema>(schema: S, value: unknown, what: string, url: string): v.InferOutput<S> {
  const format = (value as { version?: unknown } | null)?.version;
  if (typeof format === 'number' && format > FEED_FORMAT_VERSION) {
    throw new FeedError(`this ${what} uses feed format version ${format}; this DocDelta reads version ${FEED_FORMAT_VERSION}`, url);
  }
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  throw new FeedError(`invalid ${what}: ${path ? `${path} ` : ''}${issue.message}`, url);
}

export const parseFeedIndex = (text: string, url: string) => validate(FeedIndexSchema, parseJson(text, url), 'feed index', url);
export const parsePageShard = (text: string, url: string) => validate(PageShardSchema, parseJson(text, url), 'page list', url);
export const parseVersionList = (text: string, url: string) => validate(VersionListSchema, parseJson(text, url), 'version list', url);
export const parseDeltaFile = (text: string, url: string) => validate(DeltaFileSchema, parseJson(text, url), 'delta file', url);
