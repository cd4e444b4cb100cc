/** Bad input, said in one line (the CLI prints it and exits with 2). */
export class FeedInputError extends Error {
  override name = 'FeedInputError';
}
