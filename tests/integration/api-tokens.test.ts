import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { apiTokens, users } from "@/db/schema";
import { contextForToken } from "@/lib/dal/public/api-token";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/dal/api-tokens";
import { listPairs } from "@/lib/dal/catalog";
import { currentActor, type DalContext } from "@/lib/dal/context";
import { addEvent } from "@/lib/dal/events";
import { createUser } from "@/lib/dal/user-admin";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("personal API tokens on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const bearer = (token: string) => contextForToken(database.db, token);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedCountries(database.db);
    await seedCodebook(database.db);
    people = await createPeople(database.db);
  });
  afterAll(() => database?.close());

  it("speaks for its owner, is stored only as a hash, and stops working when revoked", async () => {
    const { id, token } = await createApiToken(people.analyst, { name: "notebook" });
    expect(token).toMatch(/^dyad_/);
    const [stored] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await bearer(token)).userId).toBe(people.analyst.userId);
    await revokeApiToken(people.analyst, id);
    expect((await bearer(token)).userId).toBeNull();
  });

  it("refuses unknown and malformed tokens", async () => {
    expect((await bearer("dyad_not-a-real-token")).userId).toBeNull();
    expect((await bearer("'; drop table users; --")).userId).toBeNull();
  });

  it("lists and revokes only one's own tokens: another person's id is simply not found", async () => {
    const { id } = await createApiToken(people.staff, { name: "staff token" });
    expect((await listApiTokens(people.analyst)).map((t) => t.id)).not.toContain(id);
    await expect(revokeApiToken(people.analyst, id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listApiTokens(people.staff)).find((t) => t.id === id)?.revokedAt).toBeNull();
  });

  it("acts with the owner's role as it is now", async () => {
    const made = await createUser(people.admin, { email: "bot-owner@example.org", name: "B", role: "manager", credential: "link" });
    const { token } = await createApiToken({ db: database.db, userId: made.id }, { name: "report bot" });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, made.id));
    expect(await currentActor(await bearer(token))).toBeNull();
  });

  it("is read-only unless made with the write scope, and never manages accounts or tokens", async () => {
    const { token } = await createApiToken(people.admin, { name: "reader" });
    const reader = await bearer(token);
    await expect(listPairs(reader)).resolves.toBeDefined();
    await expect(addEvent(reader, { day: "2020-09-27", label: "by a read token" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createUser(reader, { email: "by-token@example.org", name: "T", role: "analyst", credential: "link" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiToken(reader, { name: "a token's token" })).rejects.toMatchObject({ code: "forbidden" });

    const writer = await bearer((await createApiToken(people.admin, { name: "writer", scopes: ["read", "write"] })).token);
    await expect(addEvent(writer, { day: "2020-09-27", label: "by a write token" })).resolves.toBeDefined();
    await expect(
      createUser(writer, { email: "by-token@example.org", name: "T", role: "analyst", credential: "link" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiToken(writer, { name: "a token's token" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("marks its last use at most once a minute, however many requests it makes", async () => {
    const { id, token } = await createApiToken(people.analyst, { name: "busy" });
    const lastUse = async () => (await database.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!.lastUsedAt;
    await bearer(token);
    const first = await lastUse();
    expect(first).toBeInstanceOf(Date);
    await Promise.all([bearer(token), bearer(token), bearer(token)]);
    expect((await lastUse())!.getTime()).toBe(first!.getTime());
    const old = new Date(Date.now() - 61_000);
    await database.db.update(apiTokens).set({ lastUsedAt: old }).where(eq(apiTokens.id, id));
    expect((await bearer(token)).userId).toBe(people.analyst.userId);
    expect((await lastUse())!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it("expires, and shows its scopes, expiry and last use", async () => {
    const { id, token } = await createApiToken(people.analyst, { name: "short", days: 7 });
    const listed = (await listApiTokens(people.analyst)).find((t) => t.id === id)!;
    expect(listed).toMatchObject({ scopes: ["read"], lastUsedAt: null });
    expect(listed.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86400_000);
    expect(listed.expiresAt.getTime() - Date.now()).toBeLessThan(7.1 * 86400_000);
    expect((await bearer(token)).userId).toBe(people.analyst.userId);
    expect((await listApiTokens(people.analyst)).find((t) => t.id === id)!.lastUsedAt).toBeInstanceOf(Date);
    await database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, id));
    expect((await bearer(token)).userId).toBeNull();
  });

  it("refuses scopes, lifetimes and names it does not know", async () => {
    await expect(createApiToken(people.analyst, { name: "x", scopes: ["admin" as "read"] })).rejects.toMatchObject({ code: "invalid" });
    await expect(createApiToken(people.analyst, { name: "x", days: 10_000 })).rejects.toMatchObject({ code: "invalid" });
    await expect(createApiToken(people.analyst, { name: " " })).rejects.toMatchObject({ code: "invalid" });
  });
});
