import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { passwordTokens, users } from "@/db/schema";
import type { DalContext } from "../context";
import { DalError } from "../errors";
import { PASSWORD_LENGTH } from "../passwords";
import { endSessions, hashPassword } from "../internal/accounts";
import { writeAudit } from "../internal/audit";
import { voidPasswordLinks } from "../internal/password-links";
import { hashSecret } from "../internal/secrets";

/** The set-password page's entry, before anyone is signed in (app/set-password): the one-time link is the check. */

/** The path a person opens to set their password. */
export function passwordLinkPath(secret: string): string {
  return `/set-password?token=${encodeURIComponent(secret)}`;
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
