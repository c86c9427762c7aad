import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { isTokenScope, TOKEN_SCOPES, type TokenScope } from "./permissions";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { describeIssues } from "@/lib/validation";

const TOKEN_PREFIX = "dyad_";

/** Lifetimes a person can choose for a token, in days; the first is the default. */
export const TOKEN_LIFETIMES_DAYS = [90, 30, 7, 365] as const;

function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const newTokenSchema = z.object({
  name: z.string().trim().min(1, "name the token").max(100),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, "a scope is read or write"))
    .default(["read"])
    .transform((scopes) => TOKEN_SCOPES.filter((s) => s === "read" || scopes.includes(s))),
  days: z
    .number()
    .int()
    .refine((d) => (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(d), `a token lasts ${TOKEN_LIFETIMES_DAYS.join(", ")} days`)
    .default(TOKEN_LIFETIMES_DAYS[0]),
});

/**
 * Creates a token for the signed-in person (never for a token: no scope grants tokens:manage). It reads only,
 * unless made with the write scope, and expires; the secret is shown once and never stored.
 */
export async function createApiToken(
  ctx: DalContext,
  input: { name: string; scopes?: TokenScope[]; days?: number },
): Promise<{ id: number; token: string; scopes: TokenScope[]; expiresAt: Date }> {
  const actor = await requirePermission(ctx, "tokens:manage");
  const parsed = newTokenSchema.safeParse(input);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  const { name, scopes, days } = parsed.data;
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + days * 86400_000);
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({ userId: actor.id, name, prefix: token.slice(0, 12), secretHash: hashSecret(token), scopes, expiresAt })
    .returning({ id: apiTokens.id });
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: "api_token.create",
    entityType: "api_token",
    entityId: row!.id,
    after: { name, scopes, expiresAt: expiresAt.toISOString() },
  });
  return { id: row!.id, token, scopes, expiresAt };
}

export async function listApiTokens(ctx: DalContext) {
  const actor = await requirePermission(ctx, "tokens:manage");
  return ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.id))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the caller's own tokens; another user's token id is "not found", never revealed. */
export async function revokeApiToken(ctx: DalContext, id: number): Promise<void> {
  const actor = await requirePermission(ctx, "tokens:manage");
  const [revoked] = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!revoked) throw new DalError("not_found", "There is no such active token of yours.");
  await writeAudit(ctx.db, { actorId: actor.id, action: "api_token.revoke", entityType: "api_token", entityId: id });
}

/** How stale a token's "last used" may get: writing it on every request made one busy token's row a queue. */
const LAST_USE_RESOLUTION_MS = 60_000;

/**
 * The context a bearer token gives a request: its owner, limited to its scopes, and nobody for an unknown,
 * malformed, revoked or expired token. Marks the token used (to the minute).
 */
export async function contextForToken(db: Db, token: string): Promise<DalContext> {
  const nobody: DalContext = { db, userId: null, auth: { kind: "token", scopes: [] }, requestMemo: {} };
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return nobody;
  const now = new Date();
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.secretHash, hashSecret(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)));
  if (!row) return nobody;
  const stale = new Date(now.getTime() - LAST_USE_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < stale) {
    // Only if no concurrent request has just done it: one write per token per minute, not per request.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  }
  return { db, userId: row.userId, auth: { kind: "token", scopes: row.scopes.filter(isTokenScope) }, requestMemo: {} };
}
