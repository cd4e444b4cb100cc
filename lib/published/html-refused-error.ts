/** Feed HTML that is not a page a browser would show a reader, refused before it is built into a document. */
export class HtmlRefusedError extends Error {
  override name = 'HtmlRefusedError';
}

/**
 * Whether `error` is a refusal, told by its name: the background's readers are a script of
 * their own (lib/published/published-readers.ts) with their own copy of this class, so
 * `instanceof` would not see theirs.
 */
export function isHtmlRefused(error: unknown): error is HtmlRefusedError {
  return error instanceof Error && error.name === 'HtmlRefusedError';
}
