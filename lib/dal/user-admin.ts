import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { isRole, roleHas, type Role } from "./permissions";
import { writeAudit } from "./internal/audit";
import { requirePermission, type Actor, type DalContext } from "./context";
import { DalError } from "./errors";
import { issuePasswordLink, NO_PASSWORD, randomPassword, voidPasswordLinks } from "./internal/password-links";
import { endSessions, hashPassword } from "./internal/accounts";
import { describeIssues } from "@/lib/validation";

export interface ManagedUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

/** How a new or reset account gets its password: a random one shown once, or a one-time link shown once. */
export type Credential = "password" | "link";
export type IssuedCredential = { password: string } | { link: string };

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
};

export async function listUsers(ctx: DalContext): Promise<ManagedUser[]> {
  await requirePermission(ctx, "users:manage");
  return ctx.db.select(columns).from(users).orderBy(asc(users.email));
}

const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).email("give a valid email address"),
  name: z.string().trim().min(1, "give the person's name").max(100),
  role: z.string().refine(isRole, "unknown role"),
  credential: z.enum(["password", "link"]),
});

/** Creates an account with a first password or an invitation link, shown once to the manager. */
export async function createUser(
  ctx: DalContext,
  input: { email: string; name: string; role: Role; credential: Credential },
): Promise<{ id: number } & IssuedCredential> {
  const actor = await requirePermission(ctx, "users:manage");
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  const { email, name, credential } = parsed.data;
  const role = parsed.data.role as Role;
  mayHandleRole(actor, role);
  const password = credential === "password" ? randomPassword() : null;
  const passwordHash = password ? await hashPassword(password) : NO_PASSWORD;
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new DalError("conflict", `There is already an account for ${email}.`);
    const [row] = await tx.insert(users).values({ email, name, role, passwordHash }).returning({ id: users.id });
    const id = row!.id;
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.create",
      entityType: "user",
      entityId: id,
      after: { email, name, role, disabled: false, credential },
    });
    if (password) return { id, password };
    return { id, link: await issuePasswordLink(tx, id, "invite") };
  });
}

export async function changeUserRole(ctx: DalContext, input: { userId: number; role: Role }): Promise<ManagedUser> {
  const actor = await requirePermission(ctx, "users:manage");
  if (!isRole(input.role)) throw new DalError("invalid", `"${String(input.role)}" is not a role.`);
  return changeUser(ctx.db, actor, input.userId, "user.role", async (tx, before) => {
    mayHandleRole(actor, input.role);
    if (before.role === "admin" && input.role !== "admin") await keepAnActiveAdmin(tx, before.id, "demoted");
    return { role: input.role };
  });
}

export async function setUserDisabled(ctx: DalContext, input: { userId: number; disabled: boolean }): Promise<ManagedUser> {
  const actor = await requirePermission(ctx, "users:manage");
  return changeUser(ctx.db, actor, input.userId, input.disabled ? "user.disable" : "user.enable", async (tx, before) => {
    if (input.disabled && before.id === actor.id) throw new DalError("invalid", "You cannot disable your own account.");
    if (input.disabled && before.role === "admin") await keepAnActiveAdmin(tx, before.id, "disabled");
    if (input.disabled) await voidPasswordLinks(tx, before.id);
    return { disabled: input.disabled };
  });
}

/**
 * The old password, older set-password links and the person's API tokens stop working at once (whoever knew the
 * password may have made a token with it); the person gets a new password (or a link), shown once to the manager.
 */
export async function resetUserPassword(ctx: DalContext, input: { userId: number; credential: Credential }): Promise<IssuedCredential> {
  const actor = await requirePermission(ctx, "users:manage");
  const password = input.credential === "password" ? randomPassword() : null;
  const passwordHash = password ? await hashPassword(password) : NO_PASSWORD;
  let issued: IssuedCredential | null = null;
  await changeUser(ctx.db, actor, input.userId, "user.reset_password", async (tx, before) => {
    if (password) await voidPasswordLinks(tx, before.id);
    issued = password ? { password } : { link: await issuePasswordLink(tx, before.id, "reset") };
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.userId, before.id), isNull(apiTokens.revokedAt)));
    return { passwordHash };
  });
  return issued!;
}

/**
 * Loads the target under a row lock, lets `decide` check and compute the change, writes it and its audit row
 * (role and disabled before and after; never a password hash) in one transaction. A new password, a disable or
 * a new role ends the person's sessions in the same transaction: they sign in again as who they now are.
 */
async function changeUser(
  db: Db,
  actor: Actor,
  userId: number,
  action: string,
  decide: (tx: Db, before: ManagedUser) => Promise<Partial<{ role: Role; disabled: boolean; passwordHash: string }>>,
): Promise<ManagedUser> {
  return db.transaction(async (tx) => {
    // Admin rows first, always in id order: two admins demoting each other wait in line instead of deadlocking.
    await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).orderBy(asc(users.id)).for("update");
    const [before] = await tx.select(columns).from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new DalError("not_found", `There is no user ${userId}.`);
    mayHandleRole(actor, before.role);
    const change = await decide(tx, before);
    const [after] = await tx.update(users).set(change).where(eq(users.id, userId)).returning(columns);
    if ("passwordHash" in change || after!.disabled !== before.disabled || after!.role !== before.role) await endSessions(tx, userId);
    await writeAudit(tx, {
      actorId: actor.id,
      action,
      entityType: "user",
      entityId: userId,
      before: { email: before.email, role: before.role, disabled: before.disabled },
      after: {
        email: after!.email,
        role: after!.role,
        disabled: after!.disabled,
        ...("passwordHash" in change ? { password: "reset" } : {}),
      },
    });
    return after!;
  });
}

/** A manager looks after analysts and staff; only an admin may touch, grant or take away manager and admin. */
function mayHandleRole(actor: Actor, role: Role): void {
  if ((role === "manager" || role === "admin") && !roleHas(actor.role, "admins:manage")) {
    throw new DalError("forbidden", `Only an admin may manage ${role} accounts.`);
  }
}

/** Refuses to leave the database without an enabled admin (the admin rows are locked by changeUser). */
async function keepAnActiveAdmin(tx: Db, leaving: number, how: string): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, leaving)));
  if (others.length === 0) throw new DalError("conflict", `This is the last active admin; it cannot be ${how}. Make another admin first.`);
}
