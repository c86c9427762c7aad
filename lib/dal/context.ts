import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { roleHas, type Permission, type Role } from "@/lib/auth/permissions";
import { DalError } from "./errors";

/** Who is asking, and through which database. Built from the session per request, or by tests. */
export interface DalContext {
  db: Db;
  userId: number | null;
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
 * request (within one request the user is looked up once, when the context carries a request memo).
 */
export function currentActor(ctx: DalContext): Promise<Actor | null> {
  if (!ctx.requestMemo) return lookUpActor(ctx);
  return (ctx.requestMemo.actor ??= lookUpActor(ctx));
}

async function lookUpActor(ctx: DalContext): Promise<Actor | null> {
  if (ctx.userId === null) return null;
  const [row] = await ctx.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, ctx.userId));
  if (!row || row.disabled) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export async function requirePermission(ctx: DalContext, permission: Permission): Promise<Actor> {
  const actor = await currentActor(ctx);
  if (!actor) throw new DalError("unauthenticated", "Please sign in to continue.");
  if (!roleHas(actor.role, permission)) {
    throw new DalError("forbidden", `Your role (${actor.role}) is not allowed to do this.`);
  }
  return actor;
}
