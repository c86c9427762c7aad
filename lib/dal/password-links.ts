import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { PASSWORD_LENGTH } from "./passwords";
import { writeAudit } from "./internal/audit";
import type { DalContext } from "./context";
import { DalError } from "./errors";
import { endSessions, hashPassword } from "./users";

export type LinkPurpose = "invite" | "reset" | "restore";

const LIFETIME_HOURS: Record<LinkPurpose, number> = { invite: 7 * 24, reset: 24, restore: 7 * 24 };
const PREFIX = "dyadpw_";

/** A password no bcrypt check accepts: the account exists, but nobody can sign in until a link sets one. */
export const NO_PASSWORD = "!no-password";

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * Makes a one-time set-password secret for a user (inside the caller's transaction); shown once, never stored.
 * It replaces any older link of theirs: only the newest one a manager handed out works.
 */
export async function issuePasswordLink(db: Db, userId: number, purpose: LinkPurpose): Promise<string> {
  await voidPasswordLinks(db, userId);
  const secret = `${PREFIX}${randomBytes(24).toString("base64url")}`;
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

/** The path a person opens to set their password. */
export function passwordLinkPath(secret: string): string {
  return `/set-password?token=${encodeURIComponent(secret)}`;
}

/** A random first password, shown once to the manager who made the account. */
export function randomPassword(): string {
  return randomBytes(12).toString("base64url");
}

/**
 * Sets a password with a one-time link; needs no session (the link is the proof). A used, expired, replaced or
 * unknown link, or one for a disabled account, is refused with the same words, so a guesser learns nothing.
 * Any session the account still had ends.
 */
export async function setPasswordWithLink(ctx: DalContext, input: { token: string; password: string }): Promise<{ email: string }> {
  if (input.password.length < PASSWORD_LENGTH.min || input.password.length > PASSWORD_LENGTH.max) {
    throw new DalError("invalid", `Choose a password of ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters.`);
  }
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordTokens.secretHash, hashSecret(input.token)),
          isNull(passwordTokens.usedAt),
          gt(passwordTokens.expiresAt, new Date()),
          inArray(passwordTokens.userId, tx.select({ id: users.id }).from(users).where(eq(users.disabled, false))),
        ),
      )
      .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose });
    const refused = new DalError(
      "invalid",
      "This link is not valid any more (used, replaced, expired or mistyped). Ask a manager for a new one.",
    );
    if (!link) throw refused;
    // Checked again under the row lock: a disable that commits meanwhile wins.
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, link.userId), eq(users.disabled, false)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw refused;
    await voidPasswordLinks(tx, user.id);
    await endSessions(tx, user.id);
    await writeAudit(tx, {
      actorId: user.id,
      action: "user.set_password",
      entityType: "user",
      entityId: user.id,
      after: { via: link.purpose },
    });
    return { email: user.email };
  });
}
