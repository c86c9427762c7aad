import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAttempts } from "@/db/schema";
import { recordSignInAttempt, signInThrottled, SIGN_IN_THROTTLE } from "@/lib/dal/internal/sign-in-throttle";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";

describe.each(TEST_DRIVERS)("sign-in throttling on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database?.close());

  const fail = async (email: string, ip: string | null, times: number) => {
    for (let i = 0; i < times; i++) await recordSignInAttempt(database.db, email, ip, false);
  };

  it("pauses an account after repeated failures, whatever the case of the email", async () => {
    await fail("Guessed@Example.org", null, SIGN_IN_THROTTLE.perAccount - 1);
    expect(await signInThrottled(database.db, "guessed@example.org", null)).toBe(false);
    await fail("guessed@example.org ", null, 1);
    expect(await signInThrottled(database.db, "GUESSED@example.org", null)).toBe(true);
    expect(await signInThrottled(database.db, "someone-else@example.org", null)).toBe(false);
  });

  it("forgets failures once the window has passed", async () => {
    await fail("old@example.org", null, SIGN_IN_THROTTLE.perAccount);
    expect(await signInThrottled(database.db, "old@example.org", null)).toBe(true);
    await database.db.execute(
      sql`update ${signInAttempts} set at = now() - make_interval(mins => ${SIGN_IN_THROTTLE.windowMinutes + 1}) where email = 'old@example.org'`,
    );
    expect(await signInThrottled(database.db, "old@example.org", null)).toBe(false);
  });

  it("counts only the failures after the last success", async () => {
    await fail("typo@example.org", null, SIGN_IN_THROTTLE.perAccount - 1);
    await recordSignInAttempt(database.db, "typo@example.org", null, true);
    await fail("typo@example.org", null, SIGN_IN_THROTTLE.perAccount - 1);
    expect(await signInThrottled(database.db, "typo@example.org", null)).toBe(false);
  });

  it("pauses an address that tries many accounts", async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress; i++) await fail(`spray-${i}@example.org`, "203.0.113.9", 1);
    expect(await signInThrottled(database.db, "fresh@example.org", "203.0.113.9")).toBe(true);
    expect(await signInThrottled(database.db, "fresh@example.org", "198.51.100.1")).toBe(false);
  });
});
