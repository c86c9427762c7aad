"use server";

import { runAction } from "@/lib/auth/action";
import { claimStatement } from "@/lib/dal/claims";
import { recordIdSchema } from "@/lib/dal/filters";
import { nextInQueue, queueFilterSchema } from "@/lib/dal/review";

const id = recordIdSchema;
const refused = { ok: false as const, error: "That request was not understood; nothing was changed." };

/** Claims (or renews) a statement for the person asking; refused, naming the holder, if someone else has it. */
export async function claimAction(statementId: number) {
  const parsed = id.safeParse(statementId);
  if (!parsed.success) return refused;
  return runAction(async (ctx) => {
    const claim = await claimStatement(ctx, parsed.data);
    return { holder: claim.holder, expiresAt: claim.expiresAt.toISOString() };
  });
}

/** The statement to open after this one: the next in the queue (with its filters) that nobody else holds. */
export async function nextInQueueAction(filter: unknown, afterId: number | null) {
  const parsedFilter = queueFilterSchema.safeParse(filter ?? {});
  const parsedId = id.nullable().safeParse(afterId);
  if (!parsedFilter.success || !parsedId.success) return refused;
  return runAction((ctx) => nextInQueue(ctx, parsedFilter.data, parsedId.data));
}
