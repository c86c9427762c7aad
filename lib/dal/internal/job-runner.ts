import type { Db } from "@/db/client";
import { pauseForRequests } from "./background";
import { importStagedRows, type ImportPayload } from "./staged-import";
import {
  claimJob,
  failAttempt,
  finishJob,
  onJobQueued,
  releaseJob,
  renewLease,
  startRunner,
  stopRunner,
  type JobKind,
  type JobRow,
} from "./job-queue";
import { feedPollStep } from "./feed-poll";
import { trainTagger } from "./tagger-training";
import { retagNextBatch } from "./retag";
import { rescoreToneNextBatch } from "./tone-rescore";

/** One bounded piece of a job: `more` while work is left; `progress` is saved on the job row. */
export type JobStep = (db: Db, job: JobRow) => Promise<{ more: boolean; progress?: Record<string, unknown> }>;

/** Each kind's step is the batch function the work always had: it reads its own cursor, so any worker can run the next one. */
const STEPS: Record<JobKind, JobStep> = {
  retag: async (db) => ({ more: await retagNextBatch(db) }),
  "tone-rescore": async (db) => ({ more: await rescoreToneNextBatch(db) }),
  retrain: async (db) => (await trainTagger(db), { more: false }),
  import: async (db, job) => ({ more: await importStagedRows(db, job.payload as unknown as ImportPayload) }),
  "feed-poll": async (db, job) => ({ more: await feedPollStep(db, Number(job.payload.sourceId)) }),
};

export interface RunnerOptions {
  /** How long a claim holds without renewal; a worker that stops is replaced this long after its last step. */
  leaseMs?: number;
  maxAttempts?: number;
  /** The first retry's wait; each further one doubles it. */
  backoffMs?: number;
  /** Tests stand in their own kinds; the real ones are always there. */
  steps?: Record<string, JobStep>;
  /** Ends the slice early: the step under way finishes and its job is handed back. */
  signal?: AbortSignal;
}

export interface SliceReport {
  claimed: number;
  steps: number;
  done: number;
  retried: number;
  failed: number;
}

const DEFAULTS = { leaseMs: 60_000, maxAttempts: 5, backoffMs: 5_000 };

/**
 * Works for about `ms`: claims a job, runs its steps (renewing the lease after each, pausing so pages are served
 * meanwhile), hands it back unfinished when time is up, and claims the next. A step under way is finished, so a
 * slice can run over by one step.
 */
export async function runJobsFor(db: Db, ms: number, options: RunnerOptions = {}): Promise<SliceReport> {
  const settings = { ...DEFAULTS, ...options };
  const steps: Record<string, JobStep> = { ...STEPS, ...options.steps };
  const deadline = Date.now() + ms;
  const timeLeft = () => Date.now() < deadline && !options.signal?.aborted;
  const owner = startRunner();
  const report: SliceReport = { claimed: 0, steps: 0, done: 0, retried: 0, failed: 0 };
  try {
    while (timeLeft()) {
      const job = await claimJob(db, owner, settings.leaseMs);
      if (!job) break;
      report.claimed++;
      const step = steps[job.kind];
      try {
        if (!step) throw new Error(`no worker knows jobs of kind "${job.kind}"`);
        for (;;) {
          const { more, progress } = await step(db, job);
          report.steps++;
          if (!more) {
            await finishJob(db, job.id, owner, progress);
            report.done++;
            break;
          }
          if (!timeLeft()) {
            await releaseJob(db, job.id, owner, progress);
            break;
          }
          if (!(await renewLease(db, job.id, owner, settings.leaseMs, progress))) break; // taken over: this worker was too slow
          await pauseForRequests();
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const state = await failAttempt(db, job.id, owner, message, settings);
        if (state === "failed") {
          report.failed++;
          console.error(`[dyad] job ${job.id} (${job.kind}) failed for good: ${message}`);
        } else report.retried++;
      }
    }
  } finally {
    stopRunner(owner);
  }
  return report;
}

/** Runs every job that is due until none is left: what a command-line run or a test does. */
export async function runJobsUntilIdle(db: Db, options: RunnerOptions = {}): Promise<void> {
  while ((await runJobsFor(db, 10_000, options)).claimed > 0);
}

const processWide = globalThis as typeof globalThis & { __dyadJobLoops?: WeakMap<Db, () => Promise<void>> };

/**
 * The worker inside `npm start` and `npm run worker`: slice after slice while there is work, then a nap that a
 * job queued by this process cuts short. One loop per database per process; returns a stop function.
 */
export function startJobLoop(
  db: Db,
  { sliceMs = 10_000, idleMs = 2_000 }: { sliceMs?: number; idleMs?: number } = {},
): () => Promise<void> {
  const loops = (processWide.__dyadJobLoops ??= new WeakMap());
  const running = loops.get(db);
  if (running) return running;
  const stopping = new AbortController();
  let wake = () => {};
  const unsubscribe = onJobQueued(() => wake());
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const done = (async () => {
    while (!stopping.signal.aborted) {
      try {
        if ((await runJobsFor(db, sliceMs, { signal: stopping.signal })).claimed === 0) await nap(idleMs);
      } catch (error) {
        console.error("[dyad] the job worker hit an error; it tries again shortly", error);
        await nap(idleMs * 5);
      }
    }
  })();
  const stop = async () => {
    stopping.abort();
    wake();
    unsubscribe();
    await done;
    loops.delete(db);
  };
  loops.set(db, stop);
  return stop;
}
