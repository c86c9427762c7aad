import type { retagJobs } from "@/db/schema";

type Job = Pick<typeof retagJobs.$inferSelect, "status" | "done" | "total">;

/** A background pass over the stored statements, while it runs: what it does and how far it has got. */
export function JobProgress({ job, doing, meanwhile }: { job: Job | null; doing: string; meanwhile?: string }) {
  if (!job || job.status !== "running") return null;
  return (
    <p role="status" className="notice">
      {doing}: {job.done} of {job.total} statements{" "}
      <progress max={Math.max(job.total, 1)} value={job.done} aria-label={`${doing}: progress`} />
      {meanwhile && ` ${meanwhile}`}
    </p>
  );
}
