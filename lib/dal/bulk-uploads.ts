import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, stagedUploads } from "@/db/schema";
import { previewBulk, type FieldMapping } from "@/lib/ingest/bulk";
import { IngestError } from "@/lib/ingest/errors";
import { formatBytes, formatCount, LIMITS } from "@/lib/ingest/limits";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { type ImportOptions } from "./imports";
import type { ImportPayload } from "./internal/staged-import";
import { enqueueJob, wakeJobRunners } from "./internal/job-queue";

const UPLOAD_ID = /^[a-f0-9]{32}$/;
/** A staged upload nobody imported is deleted after this long (README, Import limits). */
const STAGED_FOR_MS = 60 * 60 * 1000;

function asDalError(error: unknown): never {
  if (error instanceof IngestError) throw new DalError("invalid", error.message);
  throw error;
}

const tooLarge = () => new DalError("invalid", `The file is larger than ${formatBytes(LIMITS.bulkFileBytes)}, the limit for a bulk file.`);

/**
 * Reads an uploaded bulk file from the request body — only after the permission check, and never past the
 * size limit — keeps it while staff choose the mapping, and shows them its first rows. A body that ends before
 * the length its request declared was cut short on the way and is refused whole.
 */
export async function stageBulkUpload(
  ctx: DalContext,
  name: string,
  body: ReadableStream<Uint8Array> | null,
  declaredBytes: number | null = null,
) {
  const actor = await requirePermission(ctx, "statements:import");
  if (declaredBytes !== null && declaredBytes > LIMITS.bulkFileBytes) {
    await body?.cancel();
    throw tooLarge();
  }
  const bytes = await readCapped(body, LIMITS.bulkFileBytes);
  if (declaredBytes !== null && bytes.length !== declaredBytes) {
    throw new DalError(
      "invalid",
      `The upload was cut short (${formatCount(bytes.length)} bytes of ${formatCount(declaredBytes)} arrived); nothing was imported. Please upload the file again.`,
    );
  }
  const preview = await previewBulk(name, bytes).catch(asDalError);
  await deleteStale(ctx.db);
  const uploadId = randomBytes(16).toString("hex");
  await ctx.db.insert(stagedUploads).values({ id: uploadId, name, bytes, createdBy: actor.id });
  return { uploadId, name, ...preview };
}

async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Uint8Array> {
  if (!body) throw new DalError("invalid", "No file was sent.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.length;
    if (size > cap) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Uploads nobody started an import of are deleted once they are an hour old, and any whose import has ended. */
async function deleteStale(db: Db): Promise<void> {
  await db
    .delete(stagedUploads)
    .where(
      or(
        and(isNull(stagedUploads.importJobId), lt(stagedUploads.createdAt, sql`now() - ${STAGED_FOR_MS} * interval '1 millisecond'`)),
        inArray(stagedUploads.importJobId, db.select({ id: importJobs.id }).from(importJobs).where(ne(importJobs.status, "running"))),
      ),
    );
}

/**
 * Starts importing a staged file with the chosen mapping: registers the import, ties the staged file to it (a
 * staged file feeds one import) and queues the runner's job, all in one transaction. Returns at once; whichever
 * worker claims the job does the work and reports through the import's row.
 */
export async function startStagedImport(
  ctx: DalContext,
  uploadId: string,
  mapping: FieldMapping,
  options: ImportOptions = {},
): Promise<number> {
  const actor = await requirePermission(ctx, "statements:import");
  if (!UPLOAD_ID.test(uploadId)) throw expired();
  const jobId = await ctx.db.transaction(async (tx) => {
    const [staged] = await tx
      .select({ name: stagedUploads.name })
      .from(stagedUploads)
      .where(and(eq(stagedUploads.id, uploadId), isNull(stagedUploads.importJobId)))
      .for("update");
    if (!staged) throw expired();
    const [job] = await tx.insert(importJobs).values({ source: staged.name, createdBy: actor.id }).returning({ id: importJobs.id });
    await tx.update(stagedUploads).set({ importJobId: job!.id }).where(eq(stagedUploads.id, uploadId));
    const payload: ImportPayload = { importJobId: job!.id, mapping, allowNoSpeaker: options.allowNoSpeaker === true };
    await enqueueJob(tx, "import", { ...payload }, `import:${job!.id}`);
    return job!.id;
  });
  wakeJobRunners();
  return jobId;
}

const expired = () => new DalError("invalid", "That upload is unknown or has expired; upload the file again.");
