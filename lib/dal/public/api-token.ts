import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { TOKEN_PREFIX } from "../api-tokens";
import type { DalContext } from "../context";
import { hashSecret } from "../internal/secrets";
import { isTokenScope } from "../permissions";

/** For lib/auth/session.ts, before anyone is known: the bearer token is the check. */

/**
 * The context a bearer token gives a request: its owner, limited to its scopes, and nobody for an unknown,
 * malformed, revoked or expired token. Marks the token used.
 */
export async function contextForToken(db: Db, token: string): Promise<DalContext> {
  const nobody: DalContext = { db, userId: null, auth: { kind: "token", scopes: [] }, requestMemo: {} };
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return nobody;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.secretHash, hashSecret(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, new Date())))
    .returning({ userId: apiTokens.userId, scopes: apiTokens.scopes });
  if (!row) return nobody;
  return { db, userId: row.userId, auth: { kind: "token", scopes: row.scopes.filter(isTokenScope) }, requestMemo: {} };
}
