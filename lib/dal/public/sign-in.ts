import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Role } from "../permissions";

/** Sign-in, before anyone is signed in (lib/auth/options.ts): the password is the check. */

export type SignInResult =
  | { ok: true; user: { id: number; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "disabled" };

/**
 * Checks a password; says "disabled" only once the password is right, so it leaks nothing to a guesser. Every
 * path runs one bcrypt comparison, so the time taken does not tell an unknown email, or an account still
 * waiting for its first password, from a wrong password.
 */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<SignInResult> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const hash = user && isBcryptHash(user.passwordHash) ? user.passwordHash : DUMMY_HASH;
  const matches = await bcrypt.compare(password, hash);
  if (!user || hash === DUMMY_HASH || !matches) return { ok: false, reason: "invalid" };
  if (user.disabled) return { ok: false, reason: "disabled" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}

/** A bcrypt hash at cost 10 that no password matches in practice; compared against so that all paths cost the same. */
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.nV1pS7xrZC5yFfDd3FjEWZ0aT8rS";

const isBcryptHash = (hash: string) => /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash);
