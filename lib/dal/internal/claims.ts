import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reviewClaims, users } from "@/db/schema";
import type { Claim } from "../claims";

/** Unexpired claims on the given statements, with the holder's name. */
export async function claimsOn(db: Db, statementIds: number[]): Promise<Map<number, Claim>> {
  if (statementIds.length === 0) return new Map();
  const rows = await db
    .select({ statementId: reviewClaims.statementId, userId: reviewClaims.userId, holder: users.name, expiresAt: reviewClaims.expiresAt })
    .from(reviewClaims)
    .innerJoin(users, eq(users.id, reviewClaims.userId))
    .where(and(inArray(reviewClaims.statementId, statementIds), gt(reviewClaims.expiresAt, sql`now()`)));
  return new Map(rows.map((r) => [r.statementId, r]));
}
