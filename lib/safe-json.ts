/** Keys that could reach Object.prototype if parsed JSON were ever merged into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class UnsafeJsonError extends Error {
  override name = 'UnsafeJsonError';
}

/**
 * JSON.parse for untrusted text (feeds, import files): refuses `__proto__`,
 * `constructor` and `prototype` keys at any depth, and absurd nesting.
 */
export function parseUntrustedJson(text: string, maxDepth = 32): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnsafeJsonError(`not valid JSON: ${(error as Error).message}`);
  }
  checkKeys(value, 0, maxDepth);
  return value;
}

function checkKeys(value: unknown, depth: number, maxDepth: number): void {
  if (depth > maxDepth) throw new UnsafeJsonError('the file is nested too deeply');
  if (Array.isArray(value)) {
    for (const item of value) checkKeys(item, depth + 1, maxDepth);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`the file contains a forbidden key "${key}"`);
      checkKeys((value as Record<string, unknown>)[key], depth + 1, maxDepth);
    }
  }
}
