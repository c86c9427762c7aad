import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, users } from "@/db/schema";
import { createApiToken, listApiTokens, revokeApiToken, userIdForToken } from "@/lib/dal/api-tokens";
import type { DalContext } from "@/lib/dal/context";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("personal API tokens on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    people = await createPeople(database.db);
  });
  afterAll(() => database?.close());

  it("speaks for its owner, is stored only as a hash, and stops working when revoked", async () => {
    const { id, token } = await createApiToken(people.analyst, "notebook");
    expect(token).toMatch(/^dyad_/);
    const [stored] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await userIdForToken(database.db, token)).toBe(people.analyst.userId);
    await revokeApiToken(people.analyst, id);
    expect(await userIdForToken(database.db, token)).toBeNull();
  });

  it("refuses unknown and malformed tokens", async () => {
    expect(await userIdForToken(database.db, "dyad_not-a-real-token")).toBeNull();
    expect(await userIdForToken(database.db, "'; drop table users; --")).toBeNull();
  });

  it("lists and revokes only one's own tokens: another person's id is simply not found", async () => {
    const { id } = await createApiToken(people.staff, "staff token");
    expect((await listApiTokens(people.analyst)).map((t) => t.id)).not.toContain(id);
    await expect(revokeApiToken(people.analyst, id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listApiTokens(people.staff)).find((t) => t.id === id)?.revokedAt).toBeNull();
  });

  it("acts with the owner's role as it is now", async () => {
    const { token } = await createApiToken(people.manager, "report bot");
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, people.manager.userId!));
    const userId = await userIdForToken(database.db, token);
    const { currentActor } = await import("@/lib/dal/context");
    expect(await currentActor({ db: database.db, userId })).toBeNull();
  });
});
