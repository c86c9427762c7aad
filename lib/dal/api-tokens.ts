import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { writeAudit } from "./audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";

const TOKEN_PREFIX = "dyad_";

function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token for the signed-in user; the secret is shown once and never stored. */
export async function createApiToken(ctx: DalContext, name: string): Promise<{ id: number; token: string }> {
  const actor = await requirePermission(ctx, "series:read");
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({ userId: actor.id, name, prefix: token.slice(0, 12), secretHash: hashSecret(token) })
    .returning({ id: apiTokens.id });
  await writeAudit(ctx.db, { actorId: actor.id, action: "api_token.create", entityType: "api_token", entityId: row!.id, after: { name } });
  return { id: row!.id, token };
}

export async function listApiTokens(ctx: DalContext) {
  const actor = await requirePermission(ctx, "series:read");
  return ctx.db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.id))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the caller's own tokens; another user's token id is "not found", never revealed. */
export async function revokeApiToken(ctx: DalContext, id: number): Promise<void> {
  const actor = await requirePermission(ctx, "series:read");
  const [revoked] = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!revoked) throw new DalError("not_found", "There is no such active token of yours.");
  await writeAudit(ctx.db, { actorId: actor.id, action: "api_token.revoke", entityType: "api_token", entityId: id });
}

/** The user a bearer token speaks for, or null for an unknown, malformed or revoked token. */
export async function userIdForToken(db: Db, token: string): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.secretHash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  return row?.userId ?? null;
}
