import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bulkDrafts, previewBulk, readBulkRecords, type FieldMapping } from "@/lib/ingest/bulk";
import { IngestError } from "@/lib/ingest/errors";
import { formatBytes, LIMITS } from "@/lib/ingest/limits";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { runBulkImport, startBulkImport } from "./imports";

const UPLOAD_ID = /^[a-f0-9]{32}$/;

function uploadDir(): string {
  return process.env.DYAD_UPLOAD_DIR ?? path.join(tmpdir(), "dyad-uploads");
}

function asDalError(error: unknown): never {
  if (error instanceof IngestError) throw new DalError("invalid", error.message);
  throw error;
}

/**
 * Reads an uploaded bulk file from the request body — only after the permission check, and never past the
 * size limit — keeps it while staff choose the mapping, and shows them its first rows.
 */
export async function stageBulkUpload(ctx: DalContext, name: string, body: ReadableStream<Uint8Array> | null) {
  await requirePermission(ctx, "statements:import");
  const bytes = await readCapped(body, LIMITS.bulkFileBytes);
  const preview = await previewBulk(name, bytes).catch(asDalError);
  const uploadId = randomBytes(16).toString("hex");
  await mkdir(uploadDir(), { recursive: true });
  await writeFile(path.join(uploadDir(), uploadId), bytes);
  await writeFile(path.join(uploadDir(), `${uploadId}.json`), JSON.stringify({ name }));
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
      throw new DalError("invalid", `The file is larger than ${formatBytes(cap)}, the limit for a bulk file.`);
    }
    chunks.push(part.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Starts importing a staged file with the chosen mapping; runs in the background and reports through its job. */
export async function startStagedImport(ctx: DalContext, uploadId: string, mapping: FieldMapping): Promise<number> {
  await requirePermission(ctx, "statements:import");
  if (!UPLOAD_ID.test(uploadId)) throw new DalError("invalid", "That upload is unknown; upload the file again.");
  const file = path.join(uploadDir(), uploadId);
  const { name } = JSON.parse(await readFile(`${file}.json`, "utf8").catch(() => asDalError(new IngestError("empty", "That upload has expired; upload the file again.")))) as { name: string };
  const rows = await readBulkRecords(name, new Uint8Array(await readFile(file))).catch(asDalError);
  const jobId = await startBulkImport(ctx, name);
  void runBulkImport(ctx, jobId, bulkDrafts(rows, mapping))
    .catch((error) => console.error(`[dyad] bulk import ${jobId} failed`, error))
    .finally(() => Promise.all([rm(file, { force: true }), rm(`${file}.json`, { force: true })]));
  return jobId;
}
