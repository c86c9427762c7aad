import type { Db } from "@/db/client";

/**
 * Background work that runs at most once at a time per database. Kept on globalThis, as the database is
 * (db/client.ts): Next bundles a module more than once, and a module variable per bundle would let the
 * instrumentation and a server action each start their own re-tag loop over the same job.
 */
interface Job {
  done: Promise<void>;
  /** Asked for again while running: it runs once more when this round ends. */
  again: boolean;
}

const processWide = globalThis as typeof globalThis & { __dyadBackground?: WeakMap<Db, Map<string, Job>> };

function jobsOn(db: Db): Map<string, Job> {
  const all = (processWide.__dyadBackground ??= new WeakMap());
  let jobs = all.get(db);
  if (!jobs) all.set(db, (jobs = new Map()));
  return jobs;
}

/**
 * Starts `run` unless work of this name is running on this database. A call while it runs returns the running
 * work; with `again`, that work also runs once more when its round ends, so what the caller added counts.
 */
export function runOnce(db: Db, name: string, run: () => Promise<void>, options: { again?: boolean } = {}): Promise<void> {
  const jobs = jobsOn(db);
  const current = jobs.get(name);
  if (current) {
    current.again ||= options.again ?? false;
    return current.done;
  }
  const job: Job = { done: Promise.resolve(), again: false };
  job.done = (async () => {
    try {
      do {
        job.again = false;
        await run();
      } while (job.again);
    } finally {
      jobs.delete(name);
    }
  })();
  jobs.set(name, job);
  return job.done;
}

/** Between two steps of background work: long enough for the queries of a page waiting on the embedded database's one connection. */
const PAUSE_MS = 25;

/** Runs `step` until it reports nothing left, pausing between steps so pages are served meanwhile; returns the steps run. */
export async function drain(step: () => Promise<boolean>): Promise<number> {
  let steps = 0;
  while (await step()) {
    steps++;
    await pauseForRequests();
  }
  return steps;
}

export function pauseForRequests(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}

/** Lets requests that are waiting run before the next piece of CPU-bound work. */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
