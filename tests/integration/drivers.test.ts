import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";

describe.each(TEST_DRIVERS)("database on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database?.close());

  it("has the migrated schema and round-trips a row", async () => {
    await database.db.insert(users).values({ email: "a@example.org", name: "A", passwordHash: "x", role: "staff" });
    const [row] = await database.db.select().from(users).where(eq(users.email, "a@example.org"));
    expect(row?.role).toBe("staff");
    expect(row?.disabled).toBe(false);
  });

  it("rolls a failed transaction back completely", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(users).values({ email: "b@example.org", name: "B", passwordHash: "x" });
        await tx.insert(users).values({ email: "a@example.org", name: "duplicate", passwordHash: "x" });
      }),
    ).rejects.toThrow();
    const [{ n } = { n: -1 }] = await database.db.select({ n: count() }).from(users).where(eq(users.email, "b@example.org"));
    expect(n).toBe(0);
  });
});
