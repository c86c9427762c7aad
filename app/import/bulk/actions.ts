"use server";

import { z } from "zod";
import { runAction } from "@/lib/auth/action";
import { startStagedImport } from "@/lib/dal/bulk-uploads";
import { getImportJob } from "@/lib/dal/imports";
import { MAPPABLE_FIELDS, type FieldMapping } from "@/lib/ingest/bulk";

const startSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{32}$/),
  allowNoSpeaker: z.boolean().default(false),
  mapping: z.partialRecord(z.enum(MAPPABLE_FIELDS as [keyof FieldMapping, ...(keyof FieldMapping)[]]), z.string().max(200)).refine((m) => !!m.text, "choose the column that holds the text"),
});

export async function startBulkImportAction(input: { uploadId: string; mapping: Partial<FieldMapping>; allowNoSpeaker?: boolean }) {
  const parsed = startSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]?.message ?? "That request was not understood." };
  return runAction((ctx) => startStagedImport(ctx, parsed.data.uploadId, parsed.data.mapping as FieldMapping, { allowNoSpeaker: parsed.data.allowNoSpeaker }));
}

export async function importJobAction(jobId: number) {
  if (!Number.isInteger(jobId) || jobId <= 0) return { ok: false as const, error: "Unknown import." };
  return runAction((ctx) => getImportJob(ctx, jobId));
}
