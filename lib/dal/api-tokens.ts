import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiTokens } from "@/db/schema";
import { TOKEN_SCOPES, type TokenScope } from "./permissions";
import { writeAudit } from "./internal/audit";
import { hashSecret, newSecret } from "./internal/secrets";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { describeIssues } from "@/lib/validation";

export const TOKEN_PREFIX = "dyad_";

/** Lifetimes a person can choose for a token, in days; the first is the default. */
export const TOKEN_LIFETIMES_DAYS = [90, 30, 7, 365] as const;

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
  const token = newSecret(TOKEN_PREFIX);
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
