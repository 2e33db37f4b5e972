/**
 * `work`'s value if it settles within `ms`, else undefined (it goes on in the background): a scrape must not hang on
 * a slow read model or JetStream, and shows the last value or no series instead.
 */
export async function settledWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
