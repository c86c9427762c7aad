import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { requirePermission, type DalContext } from "@/lib/dal/context";
import { setPasswordWithLink } from "@/lib/dal/password-links";
import { changeUserRole, createUser, listUsers, resetUserPassword, setUserDisabled } from "@/lib/dal/user-admin";
import { verifyCredentials } from "@/lib/dal/users";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, PASSWORD, tableCounts, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("user administration on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const lastAudit = async () => (await database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;
  const tokenOf = (link: string) => decodeURIComponent(link);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    people = await createPeople(database.db);
  });
  afterAll(() => database?.close());

  it("a manager creates an analyst with a first password shown once, audited without it", async () => {
    const made = await createUser(people.manager, { email: " New.Analyst@Example.org ", name: "Nia", role: "analyst", credential: "password" });
    if (!("password" in made)) throw new Error("expected a password");
    const signIn = await verifyCredentials(database.db, "new.analyst@example.org", made.password);
    expect(signIn).toMatchObject({ ok: true, user: { role: "analyst" } });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "user.create", entityId: String(made.id), actorId: people.manager.userId });
    expect(JSON.stringify(audit)).not.toContain(made.password);
    await expect(createUser(people.manager, { email: "new.analyst@example.org", name: "Again", role: "staff", credential: "link" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createUser(people.manager, { email: "not an email", name: "X", role: "staff", credential: "link" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("an invitation link sets the password once, and only once", async () => {
    const made = await createUser(people.manager, { email: "invited@example.org", name: "Ivo", role: "staff", credential: "link" });
    if (!("link" in made)) throw new Error("expected a link");
    expect(await verifyCredentials(database.db, "invited@example.org", "")).toMatchObject({ ok: false });
    await expect(setPasswordWithLink({ db: database.db, userId: null }, { token: tokenOf(made.link), password: "short" })).rejects.toMatchObject({ code: "invalid" });
    await setPasswordWithLink({ db: database.db, userId: null }, { token: tokenOf(made.link), password: "a long enough password" });
    expect(await verifyCredentials(database.db, "invited@example.org", "a long enough password")).toMatchObject({ ok: true });
    await expect(setPasswordWithLink({ db: database.db, userId: null }, { token: tokenOf(made.link), password: "another long password" })).rejects.toThrow(/not valid any more/);
    await expect(setPasswordWithLink({ db: database.db, userId: null }, { token: "dyadpw_guess", password: "another long password" })).rejects.toThrow(/not valid any more/);
  });

  it("a manager changes analysts and staff, with before and after in the audit log", async () => {
    const { id } = await createUser(people.manager, { email: "promote@example.org", name: "P", role: "analyst", credential: "link" });
    const after = await changeUserRole(people.manager, { userId: id, role: "staff" });
    expect(after.role).toBe("staff");
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "user.role", before: { role: "analyst", disabled: false }, after: { role: "staff", disabled: false } });
  });

  it("only an admin grants, takes away or touches manager and admin accounts", async () => {
    const { id } = await createUser(people.admin, { email: "m2@example.org", name: "M2", role: "analyst", credential: "link" });
    const before = await tableCounts(database.db);
    await expect(changeUserRole(people.manager, { userId: id, role: "manager" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeUserRole(people.manager, { userId: people.admin.userId!, role: "analyst" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setUserDisabled(people.manager, { userId: people.admin.userId!, disabled: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetUserPassword(people.manager, { userId: people.admin.userId!, credential: "password" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUser(people.manager, { email: "boss@example.org", name: "B", role: "admin", credential: "link" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await tableCounts(database.db)).toEqual(before);
    expect((await changeUserRole(people.admin, { userId: id, role: "manager" })).role).toBe("manager");
  });

  it("staff and analysts are refused every action", async () => {
    for (const who of [people.staff, people.analyst]) {
      await expect(listUsers(who)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createUser(who, { email: "x@example.org", name: "X", role: "analyst", credential: "link" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(changeUserRole(who, { userId: who.userId!, role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("keeps the last active admin: it cannot be demoted or disabled, but can once there is another", async () => {
    const admin = people.admin;
    await expect(changeUserRole(admin, { userId: admin.userId!, role: "manager" })).rejects.toThrow(/last active admin/);
    const { id: otherId } = await createUser(admin, { email: "admin2@example.org", name: "A2", role: "admin", credential: "link" });
    await setUserDisabled(admin, { userId: otherId, disabled: true });
    // a disabled admin does not count
    await expect(changeUserRole(admin, { userId: admin.userId!, role: "manager" })).rejects.toThrow(/last active admin/);
    await expect(setUserDisabled(admin, { userId: admin.userId!, disabled: true })).rejects.toMatchObject({ code: "invalid" });
    await setUserDisabled(admin, { userId: otherId, disabled: false });
    const other = { db: database.db, userId: otherId };
    await expect(setUserDisabled(other, { userId: admin.userId!, disabled: true })).resolves.toMatchObject({ disabled: true });
    await expect(changeUserRole(other, { userId: otherId, role: "manager" })).rejects.toThrow(/last active admin/);
    await setUserDisabled(other, { userId: admin.userId!, disabled: false });
  });

  it("a demoted or disabled user loses access on their next request", async () => {
    const made = await createUser(people.admin, { email: "soon-gone@example.org", name: "S", role: "manager", credential: "password" });
    const them = { db: database.db, userId: made.id };
    await expect(listUsers(them)).resolves.toBeDefined();
    await changeUserRole(people.admin, { userId: made.id, role: "staff" });
    await expect(listUsers(them)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requirePermission(them, "tags:write")).resolves.toMatchObject({ role: "staff" });
    await setUserDisabled(people.admin, { userId: made.id, disabled: true });
    await expect(requirePermission(them, "statements:read")).rejects.toMatchObject({ code: "unauthenticated" });
    if ("password" in made) expect(await verifyCredentials(database.db, "soon-gone@example.org", made.password)).toEqual({ ok: false, reason: "disabled" });
  });

  it("within one request the user is read once; the next request sees them disabled", async () => {
    const made = await createUser(people.admin, { email: "mid-request@example.org", name: "M", role: "staff", credential: "password" });
    const request = { db: database.db, userId: made.id, requestMemo: {} };
    await expect(requirePermission(request, "tags:write")).resolves.toMatchObject({ role: "staff" });
    await setUserDisabled(people.admin, { userId: made.id, disabled: true });
    await expect(requirePermission(request, "tags:write")).resolves.toMatchObject({ role: "staff" });
    const nextRequest = { db: database.db, userId: made.id, requestMemo: {} };
    await expect(requirePermission(nextRequest, "tags:write")).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("a reset stops the old password at once and gives a new one", async () => {
    const staffId = people.staff.userId!;
    expect(await verifyCredentials(database.db, "staff@test.example", PASSWORD)).toMatchObject({ ok: true });
    const issued = await resetUserPassword(people.manager, { userId: staffId, credential: "link" });
    expect(await verifyCredentials(database.db, "staff@test.example", PASSWORD)).toMatchObject({ ok: false });
    if (!("link" in issued)) throw new Error("expected a link");
    await setPasswordWithLink({ db: database.db, userId: null }, { token: issued.link, password: "brand new password" });
    expect(await verifyCredentials(database.db, "staff@test.example", "brand new password")).toMatchObject({ ok: true });
    const [row] = await database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, staffId));
    expect((await lastAudit()).after).not.toHaveProperty("passwordHash");
    expect(row!.hash).toMatch(/^\$2/);
  });
});
