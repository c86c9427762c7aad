"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { inputAction } from "@/lib/auth/action";
import { adjudicate, createSample, submitCoding } from "@/lib/dal/agreement";
import { recordIdSchema as positive } from "@/lib/validation";

const coded = z.object({ passageId: positive, themes: z.array(z.string().max(64)).max(50), tone: z.number().int().nullable() });

export const createSampleAction = inputAction(
  z.object({ name: z.string().max(500), coderIds: z.array(positive).max(50), size: z.number().int() }),
  async (ctx, input) => {
    const created = await createSample(ctx, input);
    revalidatePath("/review/agreement");
    return created;
  },
);

export const submitCodingAction = inputAction(
  z.object({ assignmentId: positive, answers: z.array(coded).max(5000) }),
  async (ctx, input) => {
    const submitted = await submitCoding(ctx, input);
    revalidatePath("/review/coding");
    return submitted;
  },
);

export const adjudicateAction = inputAction(
  z.object({ sampleId: positive, statementId: positive, version: positive, passages: z.array(coded).max(5000) }),
  async (ctx, input) => {
    const settled = await adjudicate(ctx, input);
    revalidatePath(`/review/agreement/${input.sampleId}`);
    return settled;
  },
);
