/**
 * Iterates `source` one item ahead: while the caller works on a page (maps and writes it), the
 * next one is already being read. Closing early (break, an error) lets the read in flight finish
 * and then closes the source, so its cleanup (closing the PIT or scroll) still runs.
 */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // Observed here so a failure while the caller is busy is not "unhandled"; awaited below.
  next.catch(() => undefined);
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await next.catch(() => undefined);
    await iterator.return?.();
  }
}
