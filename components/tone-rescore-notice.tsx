import type { toneRescoreJobs } from "@/db/schema";

/** Says that stored tone is being brought up to a newer engine, while it is: until then charts mix the two. */
export function ToneRescoreNotice({ job }: { job: typeof toneRescoreJobs.$inferSelect | null }) {
  if (!job || job.status !== "running") return null;
  return (
    <p role="status" className="notice">
      Tone is being re-scored by a newer engine ({job.toneVersion}): {job.done} of {job.total} statements{" "}
      <progress max={Math.max(job.total, 1)} value={job.done} aria-label="tone re-scoring progress" />. Until it ends, tone mixes
      the two engines.
    </p>
  );
}
