/**
 * Lets the page run before DocDelta's next slice of work: `scheduler.yield()` where the browser
 * has it (the continuation keeps its place ahead of other timers), a zero timeout elsewhere.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
