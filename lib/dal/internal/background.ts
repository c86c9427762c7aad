/**
 * Manners for background work in the app's own process (the job runner, imports, training): on the embedded
 * database a page's queries wait for the one connection, so long work pauses between its pieces.
 */

/** Between two steps of background work: long enough for the queries of a page waiting on the embedded database's one connection. */
const PAUSE_MS = 25;

export function pauseForRequests(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}

/** Lets requests that are waiting run before the next piece of CPU-bound work. */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
