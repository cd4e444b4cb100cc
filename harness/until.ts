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

/**
 * `answer`, calling `wake` each `every` ms while it has not come (the first time after `every`), and
 * failing naming `what` after `limit`: for a peer that sleeps until something wakes it.
 */
export async function wakingWhileLate<T>(answer: Promise<T>, wake: () => void, what: string, every = 2_000, limit = 60_000): Promise<T> {
  let waker: ReturnType<typeof setInterval> | undefined;
  let ceiling: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    waker = setInterval(wake, every);
    ceiling = setTimeout(() => reject(new Error(`${what} did not answer in ${limit / 1000} s, woken every ${every / 1000} s`)), limit);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearInterval(waker);
    clearTimeout(ceiling);
  }
}
