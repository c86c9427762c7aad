import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";

export type SignInResult =
  | { ok: true; user: { id: number; email: string; name: string; role: Role } }
  | { ok: false; reason: "invalid" | "disabled" };

/** Checks a password; says "disabled" only once the password is right, so it leaks nothing to a guesser. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<SignInResult> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user) {
    await bcrypt.compare(password, DUMMY_HASH); // same cost as a real check: no timing hint that the email exists
    return { ok: false, reason: "invalid" };
  }
  if (!(await bcrypt.compare(password, user.passwordHash))) return { ok: false, reason: "invalid" };
  if (user.disabled) return { ok: false, reason: "disabled" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.nV1pS7xrZC5yFfDd3FjEWZ0aT8rS";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
