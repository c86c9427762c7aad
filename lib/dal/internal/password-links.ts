import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passwordTokens } from "@/db/schema";
import { hashSecret, newSecret } from "./secrets";

export type LinkPurpose = "invite" | "reset" | "restore";

const LIFETIME_HOURS: Record<LinkPurpose, number> = { invite: 7 * 24, reset: 24, restore: 7 * 24 };
const LINK_PREFIX = "dyadpw_";

/** A password no bcrypt check accepts: the account exists, but nobody can sign in until a link sets one. */
export const NO_PASSWORD = "!no-password";

/**
 * Makes a one-time set-password secret for a user (inside the caller's transaction); shown once, never stored.
 * It replaces any older link of theirs: only the newest one a manager handed out works.
 */
export async function issuePasswordLink(db: Db, userId: number, purpose: LinkPurpose): Promise<string> {
  await voidPasswordLinks(db, userId);
  const secret = newSecret(LINK_PREFIX);
  await db.insert(passwordTokens).values({
    userId,
    purpose,
    secretHash: hashSecret(secret),
    expiresAt: new Date(Date.now() + LIFETIME_HOURS[purpose] * 3600_000),
  });
  return secret;
}

/** Voids a user's unused set-password links (inside the caller's transaction): on a new link, a reset, a disable. */
export async function voidPasswordLinks(db: Db, userId: number): Promise<void> {
  await db.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
}

/** A random first password, shown once to the manager who made the account. */
export function randomPassword(): string {
  return randomBytes(12).toString("base64url");
}
