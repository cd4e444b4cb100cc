/**
 * Waits until `check` holds, asking every 100 ms, or fails naming `what`. For set-up code,
 * where vitest's expect.poll is not allowed.
 */
export async function until(check: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  for (const deadline = Date.now() + timeout; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
