import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs } from "@/db/schema";

/** What the runner knows how to do (lib/dal/internal/job-runner.ts holds a step for each). */
export type JobKind = "retag" | "tone-rescore" | "retrain" | "import" | "feed-poll";
export type JobRow = typeof jobs.$inferSelect;

/**
 * This process's runners. Kept on globalThis, as the database is (db/client.ts): Next bundles a module more than
 * once. A lease owner is `<process>:<runner>`; a job leased by a runner of this process that is no longer alive
 * (its database was closed under it) is free again at once, without waiting for the lease to run out.
 */
interface Runners {
  process: string;
  next: number;
  live: Set<string>;
  wake: Set<() => void>;
}
const processWide = globalThis as typeof globalThis & { __dyadJobRunners?: Runners };

function runners(): Runners {
  return (processWide.__dyadJobRunners ??= {
    process: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
    next: 1,
    live: new Set(),
    wake: new Set(),
  });
}

export function startRunner(): string {
  const all = runners();
  const id = `${all.process}:${all.next++}`;
  all.live.add(id);
  return id;
}

export function stopRunner(id: string): void {
  runners().live.delete(id);
}

/** Lets a loop of this process that is waiting for work look again now. */
export function onJobQueued(listener: () => void): () => void {
  const { wake } = runners();
  wake.add(listener);
  return () => wake.delete(listener);
}

/**
 * Lets this process's waiting loops look for work now. Call it after the transaction that queued a job commits:
 * a loop woken earlier finds nothing it can see yet and naps again.
 */
export function wakeJobRunners(): void {
  for (const wake of runners().wake) wake();
}

/**
 * Queues work of a kind. With the default key, work already waiting to be claimed absorbs the request: the
 * steps read what is to be done from the database when they run, so one queued job does it all.
 */
export async function enqueueJob(
  db: Db,
  kind: JobKind,
  payload: Record<string, unknown> = {},
  dedupeKey: string | null = kind,
): Promise<void> {
  await db.execute(sql`insert into jobs (kind, payload, dedupe_key) values (${kind}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey})
    on conflict (dedupe_key) where state = 'queued' do nothing`);
  wakeJobRunners();
}

/**
 * Queues work to start at `runAfter`. A job already waiting under the same key is moved to the earlier of its
 * time and this one: asking for a poll now brings a poll planned for later forward, never pushes one back.
 */
export async function scheduleJob(
  db: Db,
  kind: JobKind,
  payload: Record<string, unknown>,
  dedupeKey: string,
  runAfter: Date,
): Promise<void> {
  await db.execute(sql`insert into jobs (kind, payload, dedupe_key, run_after)
    values (${kind}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey}, ${runAfter.toISOString()}::timestamptz)
    on conflict (dedupe_key) where state = 'queued' do update set run_after = least(jobs.run_after, excluded.run_after)`);
  wakeJobRunners();
}

/**
 * Claims the oldest job that is due: queued and past its backoff, or running under a lease that ran out, was
 * handed back between slices, or belongs to a dead runner of this process. SKIP LOCKED lets concurrent claims
 * pass each other, so two workers never take the same job. Queued work waits while a job of its key runs, so a
 * "poll now" pressed during a poll of that source follows it instead of running beside it. Taking over from a
 * stopped worker counts an attempt.
 */
export async function claimJob(db: Db, owner: string, leaseMs: number): Promise<JobRow | null> {
  const { process: ours, live } = runners();
  const takenOver = sql`(${jobs.state} = 'running' and ${jobs.leaseOwner} is not null)`;
  const [job] = await db
    .update(jobs)
    .set({
      state: "running",
      leaseOwner: owner,
      leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      attempts: sql`${jobs.attempts} + case when ${takenOver} then 1 else 0 end`,
      lastError: sql`case when ${takenOver} then 'its worker stopped before finishing' else ${jobs.lastError} end`,
      updatedAt: sql`now()`,
    })
    .where(
      sql`${jobs.id} = (select j.id from jobs j
        where (j.state = 'queued' and j.run_after <= now()
               and not exists (select 1 from jobs r where r.dedupe_key = j.dedupe_key and r.state = 'running'))
           or (j.state = 'running' and (j.lease_owner is null or j.lease_expires_at < now()
               or (starts_with(j.lease_owner, ${`${ours}:`}) and j.lease_owner not in (select jsonb_array_elements_text(${JSON.stringify([...live])}::jsonb)))))
        order by j.id for update skip locked limit 1)`,
    )
    .returning();
  return job ?? null;
}

const held = (id: number, owner: string) => and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.state, "running"));

/** Extends the lease while working; false when the job is no longer this runner's (another worker took it over). */
export async function renewLease(db: Db, id: number, owner: string, leaseMs: number, progress?: Record<string, unknown>): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'`, updatedAt: sql`now()`, ...(progress && { progress }) })
    .where(held(id, owner))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Hands a job back unfinished at the end of a slice; the next claim, here or elsewhere, continues it. */
export async function releaseJob(db: Db, id: number, owner: string, progress?: Record<string, unknown>): Promise<void> {
  await db
    .update(jobs)
    .set({ leaseOwner: null, leaseExpiresAt: null, updatedAt: sql`now()`, ...(progress && { progress }) })
    .where(held(id, owner));
}

export async function finishJob(db: Db, id: number, owner: string, progress?: Record<string, unknown>): Promise<void> {
  await db
    .update(jobs)
    .set({
      state: "done",
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
      ...(progress && { progress }),
    })
    .where(held(id, owner));
}

/**
 * Records a failed attempt: queued again after a backoff that doubles with each attempt, or failed for good
 * with the error once `maxAttempts` are used. A retry no longer absorbs new requests (its key is dropped), so
 * it cannot collide with a job queued meanwhile. Returns the state the job is left in.
 */
export async function failAttempt(
  db: Db,
  id: number,
  owner: string,
  error: string,
  options: { maxAttempts: number; backoffMs: number },
): Promise<"queued" | "failed" | null> {
  const last = sql`${jobs.attempts} + 1 >= ${options.maxAttempts}`;
  const [row] = await db
    .update(jobs)
    .set({
      attempts: sql`${jobs.attempts} + 1`,
      lastError: error,
      state: sql`case when ${last} then 'failed' else 'queued' end`,
      finishedAt: sql`case when ${last} then now() end`,
      runAfter: sql`now() + ${options.backoffMs} * power(2, ${jobs.attempts}) * interval '1 millisecond'`,
      dedupeKey: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      updatedAt: sql`now()`,
    })
    .where(held(id, owner))
    .returning({ state: jobs.state });
  return (row?.state as "queued" | "failed" | undefined) ?? null;
}

/** On the embedded database this process is the only one: every lease left behind is from before a restart. */
export async function releaseLeftoverLeases(db: Db): Promise<void> {
  await db.update(jobs).set({ leaseOwner: null, leaseExpiresAt: null }).where(eq(jobs.state, "running"));
}
