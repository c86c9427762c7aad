import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bulkDrafts, previewBulk, readBulkRecords, type FieldMapping } from "@/lib/ingest/bulk";
import { IngestError } from "@/lib/ingest/errors";
import { formatBytes, formatCount, LIMITS } from "@/lib/ingest/limits";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { runBulkImport, startBulkImport, type ImportOptions } from "./imports";

const UPLOAD_ID = /^[a-f0-9]{32}$/;
/** A staged upload nobody imported is deleted after this long (README, Import limits). */
const STAGED_FOR_MS = 60 * 60 * 1000;

/**
 * Staged files live in a folder only the server's user can open (0700, files 0600). The default sits in the
 * shared temporary folder under a per-user name, so it is checked to be a real folder of ours: a folder or
 * link someone else made there first is refused, not used.
 */
async function uploadDir(): Promise<string> {
  const dir = process.env.DYAD_UPLOAD_DIR ?? path.join(tmpdir(), `dyad-uploads-${process.getuid?.() ?? "user"}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) {
    throw new Error(`${dir} is not a folder owned by this server's user; set DYAD_UPLOAD_DIR to a private folder`);
  }
  if ((info.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
  return dir;
}

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
export async function stageBulkUpload(ctx: DalContext, name: string, body: ReadableStream<Uint8Array> | null, declaredBytes: number | null = null) {
  await requirePermission(ctx, "statements:import");
  if (declaredBytes !== null && declaredBytes > LIMITS.bulkFileBytes) {
    await body?.cancel();
    throw tooLarge();
  }
  const bytes = await readCapped(body, LIMITS.bulkFileBytes);
  if (declaredBytes !== null && bytes.length !== declaredBytes) {
    throw new DalError("invalid", `The upload was cut short (${formatCount(bytes.length)} bytes of ${formatCount(declaredBytes)} arrived); nothing was imported. Please upload the file again.`);
  }
  const preview = await previewBulk(name, bytes).catch(asDalError);
  const dir = await uploadDir();
  await deleteStale(dir);
  const uploadId = randomBytes(16).toString("hex");
  await writeFile(path.join(dir, uploadId), bytes, { mode: 0o600, flag: "wx" });
  await writeFile(path.join(dir, `${uploadId}.json`), JSON.stringify({ name }), { mode: 0o600, flag: "wx" });
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

async function deleteStale(dir: string): Promise<void> {
  const now = Date.now();
  for (const file of await readdir(dir)) {
    const info = await stat(path.join(dir, file)).catch(() => null);
    if (info && now - info.mtimeMs > STAGED_FOR_MS) await rm(path.join(dir, file), { force: true });
  }
}

/**
 * Starts importing a staged file with the chosen mapping; runs in the background and reports through its job.
 * The staged copy is deleted as soon as it is read, whatever happens next.
 */
export async function startStagedImport(ctx: DalContext, uploadId: string, mapping: FieldMapping, options: ImportOptions = {}): Promise<number> {
  await requirePermission(ctx, "statements:import");
  if (!UPLOAD_ID.test(uploadId)) throw expired();
  const { name, bytes } = await takeStaged(path.join(await uploadDir(), uploadId));
  const jobId = await startBulkImport(ctx, name);
  // Reading a large file takes seconds: the person gets the job at once and watches it; a file that cannot be
  // read ends the job as failed, with the reason.
  void runBulkImport(ctx, jobId, rowsOf(name, bytes, mapping), undefined, options).catch((error) => console.error(`[dyad] bulk import ${jobId} failed`, error));
  return jobId;
}

async function* rowsOf(name: string, bytes: Uint8Array, mapping: FieldMapping) {
  yield* bulkDrafts(await readBulkRecords(name, bytes), mapping);
}

const expired = () => new DalError("invalid", "That upload is unknown or has expired; upload the file again.");

/** Reads a staged upload and deletes it, whether or not it could be read. */
async function takeStaged(file: string): Promise<{ name: string; bytes: Uint8Array }> {
  try {
    const { name } = JSON.parse(await readFile(`${file}.json`, "utf8")) as { name: string };
    return { name, bytes: new Uint8Array(await readFile(file)) };
  } catch {
    throw expired();
  } finally {
    await Promise.all([rm(file, { force: true }), rm(`${file}.json`, { force: true })]);
  }
}
