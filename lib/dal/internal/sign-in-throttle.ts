import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

/** Failed attempts allowed per account, and per client address, before sign-in pauses for the window. */
export const SIGN_IN_THROTTLE = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

const windowStart = () => sql`now() - make_interval(mins => ${SIGN_IN_THROTTLE.windowMinutes})`;

/** Failures since the window opened and since the last success on the same key (compared in SQL, to the microsecond). */
async function recentFailures(db: Db, key: "email" | "ip", value: string): Promise<number> {
  const column = key === "email" ? signInAttempts.email : signInAttempts.ip;
  const lastSuccess = sql`(select max(${signInAttempts.at}) from ${signInAttempts} where ${column} = ${value} and ${signInAttempts.succeeded})`;
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(
        eq(column, value),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, windowStart()),
        sql`${signInAttempts.at} > coalesce(${lastSuccess}, '-infinity'::timestamptz)`,
      ),
    );
  return row?.n ?? 0;
}

/** True when this account, or this address, has failed too often lately: the password is not even checked. */
export async function signInThrottled(db: Db, email: string, ip: string | null): Promise<boolean> {
  if ((await recentFailures(db, "email", normalise(email))) >= SIGN_IN_THROTTLE.perAccount) return true;
  return ip !== null && (await recentFailures(db, "ip", ip)) >= SIGN_IN_THROTTLE.perAddress;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string | null, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ email: normalise(email), ip, succeeded });
  if (!succeeded) console.warn(`sign-in failed for ${JSON.stringify(normalise(email))} from ${ip ?? "unknown address"}`);
}

function normalise(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}
