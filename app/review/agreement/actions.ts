"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/auth/action";
import { adjudicate, createSample, submitCoding } from "@/lib/dal/agreement";
import { recordIdSchema } from "@/lib/dal/filters";

const positive = recordIdSchema;
const refused = (issue?: string) => ({ ok: false as const, error: `That request was not understood${issue ? ` (${issue})` : ""}; nothing was changed.` });
const coded = z.object({ passageId: positive, themes: z.array(z.string().max(64)).max(50), tone: z.number().int().nullable() });

export async function createSampleAction(input: unknown) {
  const parsed = z.object({ name: z.string().max(500), coderIds: z.array(positive).max(50), size: z.number().int() }).safeParse(input);
  if (!parsed.success) return refused(parsed.error.issues[0]?.message);
  const result = await runAction((ctx) => createSample(ctx, parsed.data));
  if (result.ok) revalidatePath("/review/agreement");
  return result;
}

export async function submitCodingAction(input: unknown) {
  const parsed = z.object({ assignmentId: positive, answers: z.array(coded).max(5000) }).safeParse(input);
  if (!parsed.success) return refused(parsed.error.issues[0]?.message);
  const result = await runAction((ctx) => submitCoding(ctx, parsed.data));
  if (result.ok) revalidatePath("/review/coding");
  return result;
}

export async function adjudicateAction(input: unknown) {
  const parsed = z.object({ sampleId: positive, statementId: positive, version: positive, passages: z.array(coded).max(5000) }).safeParse(input);
  if (!parsed.success) return refused(parsed.error.issues[0]?.message);
  const result = await runAction((ctx) => adjudicate(ctx, parsed.data));
  if (result.ok) revalidatePath(`/review/agreement/${parsed.data.sampleId}`);
  return result;
}
