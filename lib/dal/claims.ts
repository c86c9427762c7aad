import { and, eq, lte, or, sql } from "drizzle-orm";
import { reviewClaims, statements } from "@/db/schema";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { claimsOn } from "./internal/claims";

/** How long a claim holds without being renewed; opening the statement in the reader renews it. */
export const CLAIM_MINUTES = 30;

export interface Claim {
  statementId: number;
  userId: number;
  holder: string;
  expiresAt: Date;
}

/**
 * Claims a statement for the person asking, or renews their claim. Refused, naming the holder, while someone
 * else's claim is unexpired. One statement, atomically: two people claiming at once cannot both win.
 */
export async function claimStatement(ctx: DalContext, statementId: number): Promise<Claim> {
  const actor = await requirePermission(ctx, "tags:write");
  return ctx.db.transaction(async (tx) => {
    const [statement] = await tx.select({ id: statements.id }).from(statements).where(eq(statements.id, statementId));
    if (!statement) throw new DalError("not_found", `There is no statement ${statementId}.`);
    const expiresAt = sql`now() + make_interval(mins => ${CLAIM_MINUTES})`;
    const [claimed] = await tx
      .insert(reviewClaims)
      .values({ statementId, userId: actor.id, expiresAt })
      .onConflictDoUpdate({
        target: reviewClaims.statementId,
        set: { userId: actor.id, expiresAt },
        setWhere: or(eq(reviewClaims.userId, actor.id), lte(reviewClaims.expiresAt, sql`now()`)),
      })
      .returning({ expiresAt: reviewClaims.expiresAt });
    if (!claimed) {
      const holder = (await claimsOn(tx, [statementId])).get(statementId);
      throw new DalError(
        "conflict",
        holder
          ? `${holder.holder} is working on this statement until ${clock(holder.expiresAt)}.`
          : "Someone else claimed this statement a moment ago.",
      );
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: "claim.take",
      entityType: "claim",
      entityId: statementId,
      after: { expiresAt: claimed.expiresAt },
    });
    return { statementId, userId: actor.id, holder: actor.name, expiresAt: claimed.expiresAt };
  });
}

/** Gives up the asker's own claim; someone else's claim is left alone. */
export async function releaseClaim(ctx: DalContext, statementId: number): Promise<{ released: boolean }> {
  const actor = await requirePermission(ctx, "tags:write");
  return ctx.db.transaction(async (tx) => {
    const released = await tx
      .delete(reviewClaims)
      .where(and(eq(reviewClaims.statementId, statementId), eq(reviewClaims.userId, actor.id)))
      .returning({ id: reviewClaims.statementId });
    if (released.length > 0)
      await writeAudit(tx, { actorId: actor.id, action: "claim.release", entityType: "claim", entityId: statementId });
    return { released: released.length > 0 };
  });
}

function clock(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}
