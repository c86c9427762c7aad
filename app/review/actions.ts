"use server";

import { z } from "zod";
import { inputAction } from "@/lib/auth/action";
import { claimStatement } from "@/lib/dal/claims";
import { nextInQueue, queueFilterSchema } from "@/lib/dal/review";
import { recordIdSchema as id } from "@/lib/validation";

/** Claims (or renews) a statement for the person asking; refused, naming the holder, if someone else has it. */
export const claimAction = inputAction(id, async (ctx, statementId) => {
  const claim = await claimStatement(ctx, statementId);
  return { holder: claim.holder, expiresAt: claim.expiresAt.toISOString() };
});

/** The statement to open after this one: the next in the queue (with its filters) that nobody else holds. */
export const nextInQueueAction = inputAction(
  z.object({ filter: queueFilterSchema.default({}), afterId: id.nullable() }),
  (ctx, { filter, afterId }) => nextInQueue(ctx, filter, afterId),
);
