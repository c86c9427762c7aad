"use server";

import { z } from "zod";
import { inputAction } from "@/lib/auth/action";
import { startStagedImport } from "@/lib/dal/bulk-uploads";
import { getImportJob } from "@/lib/dal/imports";
import { MAPPABLE_FIELDS, type FieldMapping } from "@/lib/ingest/bulk";
import { recordIdSchema } from "@/lib/validation";

const startSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{32}$/, "that upload is unknown"),
  allowNoSpeaker: z.boolean().default(false),
  mapping: z
    .partialRecord(z.enum(MAPPABLE_FIELDS as [keyof FieldMapping, ...(keyof FieldMapping)[]]), z.string().max(200))
    .refine((m) => !!m.text, "choose the column that holds the text"),
});

export const startBulkImportAction = inputAction(startSchema, (ctx, { uploadId, mapping, allowNoSpeaker }) =>
  startStagedImport(ctx, uploadId, mapping as FieldMapping, { allowNoSpeaker }),
);

export const importJobAction = inputAction(recordIdSchema, (ctx, jobId) => getImportJob(ctx, jobId));
