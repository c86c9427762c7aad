import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { TOKEN_PREFIX } from "../api-tokens";
import type { DalContext } from "../context";
import { hashSecret } from "../internal/secrets";
import { isTokenScope } from "../permissions";

/** For lib/auth/session.ts, before anyone is known: the bearer token is the check. */

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
