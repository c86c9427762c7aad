import { timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { DalError } from "../errors";
import { runJobsFor, type SliceReport } from "../internal/job-runner";

/**
 * The job runner's entry for a serverless cron (app/api/jobs/tick): public because no one is signed in; the
 * shared secret in the Authorization header is its check.
 */

/** One slice per call of the tick route: short enough for a serverless function's time limit. */
export const TICK_MS = 20_000;

/**
 * The tick route's check: `Authorization: Bearer <DYAD_JOBS_SECRET>`. Without a secret configured the route is
 * closed, so a deployment cannot leave it open by forgetting one.
 */
export function authorizeJobsTick(authorization: string | null, env: NodeJS.ProcessEnv = process.env): void {
  const secret = env.DYAD_JOBS_SECRET;
  if (!secret) throw new DalError("forbidden", "The job tick is turned off: set DYAD_JOBS_SECRET to use it.");
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(authorization ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new DalError("unauthenticated", "The job tick needs Authorization: Bearer <DYAD_JOBS_SECRET>.");
}

/** A bounded slice of the queue's work for a caller that proved it knows the secret. */
export async function runJobsTick(
  db: Db,
  authorization: string | null,
  ms = TICK_MS,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SliceReport> {
  authorizeJobsTick(authorization, env);
  return runJobsFor(db, ms);
}
