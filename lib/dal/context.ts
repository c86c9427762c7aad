import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { roleHas, scopeGrants, type Permission, type Role, type TokenScope } from "./permissions";
import { DalError } from "./errors";

/** However often a session cookie is refreshed, it ends this long after its sign-in. */
export const SESSION_LIFETIME_HOURS = 12;

/**
 * How the asker proved who they are. A session carries the account's session version at sign-in and when that
 * was (seconds since the epoch); a token carries its scopes. Absent for callers the code itself trusts (scripts,
 * background jobs, tests): only lib/auth/session.ts turns a request into a context, and it always sets it.
 */
export type RequestAuth = { kind: "session"; version: number; signedInAt: number } | { kind: "token"; scopes: readonly TokenScope[] };

/** Who is asking, and through which database. Built from the session per request, or by tests. */
export interface DalContext {
  db: Db;
  userId: number | null;
  auth?: RequestAuth;
  /** Set by the request context: the user is looked up once per request, not once per DAL call. */
  requestMemo?: { actor?: Promise<Actor | null> };
}

export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user as the database sees them: a disabled or demoted user loses access from their next
 * request (within one request the user is looked up once, when the context carries a request memo), and a
 * session ends when the account's session version moves on or its lifetime is over.
 */
export function currentActor(ctx: DalContext): Promise<Actor | null> {
  if (!ctx.requestMemo) return lookUpActor(ctx);
  return (ctx.requestMemo.actor ??= lookUpActor(ctx));
}

async function lookUpActor(ctx: DalContext): Promise<Actor | null> {
  if (ctx.userId === null) return null;
  const { auth } = ctx;
  if (auth?.kind === "session" && !sessionYoungEnough(auth.signedInAt)) return null;
  const [row] = await ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, ctx.userId));
  if (!row || row.disabled) return null;
  if (auth?.kind === "session" && auth.version !== row.sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** True while a session that began at `signedInAt` (seconds since the epoch) is within its absolute lifetime. */
export function sessionYoungEnough(signedInAt: number, now = Date.now()): boolean {
  return Number.isFinite(signedInAt) && now < (signedInAt + SESSION_LIFETIME_HOURS * 3600) * 1000;
}

export async function requirePermission(ctx: DalContext, permission: Permission): Promise<Actor> {
  const actor = await currentActor(ctx);
  if (!actor) throw new DalError("unauthenticated", "Please sign in to continue.");
  if (!roleHas(actor.role, permission)) {
    throw new DalError("forbidden", `Your role (${actor.role}) is not allowed to do this.`);
  }
  if (ctx.auth?.kind === "token" && !ctx.auth.scopes.some((scope) => scopeGrants(scope, permission))) {
    throw new DalError(
      "forbidden",
      `This API token's scopes (${ctx.auth.scopes.join(", ") || "none"}) do not allow this; sign in, or use a token made for it.`,
    );
  }
  return actor;
}
