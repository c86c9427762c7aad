import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { requirePermission, SESSION_LIFETIME_HOURS, type DalContext } from "@/lib/dal/context";
import { setPasswordWithLink } from "@/lib/dal/public/password-link";
import { changeUserRole, createUser, listUsers, resetUserPassword, setUserDisabled } from "@/lib/dal/user-admin";
import { endMySessions } from "@/lib/dal/sessions";
import { verifyCredentials } from "@/lib/dal/public/sign-in";
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
    const made = await createUser(people.manager, {
      email: " New.Analyst@Example.org ",
      name: "Nia",
      role: "analyst",
      credential: "password",
    });
    if (!("password" in made)) throw new Error("expected a password");
    const signIn = await verifyCredentials(database.db, "new.analyst@example.org", made.password);
    expect(signIn).toMatchObject({ ok: true, user: { role: "analyst" } });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "user.create", entityId: String(made.id), actorId: people.manager.userId });
    expect(JSON.stringify(audit)).not.toContain(made.password);
    await expect(
      createUser(people.manager, { email: "new.analyst@example.org", name: "Again", role: "staff", credential: "link" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(createUser(people.manager, { email: "not an email", name: "X", role: "staff", credential: "link" })).rejects.toMatchObject(
      { code: "invalid" },
    );
  });

  it("an invitation link sets the password once, and only once", async () => {
    const made = await createUser(people.manager, { email: "invited@example.org", name: "Ivo", role: "staff", credential: "link" });
    if (!("link" in made)) throw new Error("expected a link");
    expect(await verifyCredentials(database.db, "invited@example.org", "")).toMatchObject({ ok: false });
    await expect(
      setPasswordWithLink({ db: database.db, userId: null }, { token: tokenOf(made.link), password: "short" }),
    ).rejects.toMatchObject({ code: "invalid" });
    await setPasswordWithLink({ db: database.db, userId: null }, { token: tokenOf(made.link), password: "a long enough password" });
    expect(await verifyCredentials(database.db, "invited@example.org", "a long enough password")).toMatchObject({ ok: true });
    await expect(
      setPasswordWithLink({ db: database.db, userId: null }, { token: tokenOf(made.link), password: "another long password" }),
    ).rejects.toThrow(/not valid any more/);
    await expect(
      setPasswordWithLink({ db: database.db, userId: null }, { token: "dyadpw_guess", password: "another long password" }),
    ).rejects.toThrow(/not valid any more/);
  });

  it("a manager changes analysts and staff, with before and after in the audit log", async () => {
    const { id } = await createUser(people.manager, { email: "promote@example.org", name: "P", role: "analyst", credential: "link" });
    const after = await changeUserRole(people.manager, { userId: id, role: "staff" });
    expect(after.role).toBe("staff");
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: "user.role",
      before: { role: "analyst", disabled: false },
      after: { role: "staff", disabled: false },
    });
  });

  it("only an admin grants, takes away or touches manager and admin accounts", async () => {
    const { id } = await createUser(people.admin, { email: "m2@example.org", name: "M2", role: "analyst", credential: "link" });
    const before = await tableCounts(database.db);
    await expect(changeUserRole(people.manager, { userId: id, role: "manager" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeUserRole(people.manager, { userId: people.admin.userId!, role: "analyst" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(setUserDisabled(people.manager, { userId: people.admin.userId!, disabled: true })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(resetUserPassword(people.manager, { userId: people.admin.userId!, credential: "password" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      createUser(people.manager, { email: "boss@example.org", name: "B", role: "admin", credential: "link" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await tableCounts(database.db)).toEqual(before);
    expect((await changeUserRole(people.admin, { userId: id, role: "manager" })).role).toBe("manager");
  });

  it("staff and analysts are refused every action", async () => {
    for (const who of [people.staff, people.analyst]) {
      await expect(listUsers(who)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createUser(who, { email: "x@example.org", name: "X", role: "analyst", credential: "link" })).rejects.toMatchObject({
        code: "forbidden",
      });
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
    if ("password" in made)
      expect(await verifyCredentials(database.db, "soon-gone@example.org", made.password)).toEqual({ ok: false, reason: "disabled" });
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

  describe("sessions end when the account changes", () => {
    /** What the session cookie carries after a real sign-in: the account's session version and when it began. */
    async function signIn(email: string, password: string, signedInAt = Math.floor(Date.now() / 1000)): Promise<DalContext> {
      const result = await verifyCredentials(database.db, email, password);
      if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
      return { db: database.db, userId: result.user.id, auth: { kind: "session", version: result.user.sessionVersion, signedInAt } };
    }
    const withPassword = async (email: string, role: "analyst" | "staff" | "manager") => {
      const made = await createUser(people.admin, { email, name: email, role, credential: "password" });
      if (!("password" in made)) throw new Error("expected a password");
      return made;
    };

    it("a password reset ends the old session: it can no longer make an API token", async () => {
      const made = await withPassword("reset-session@example.org", "analyst");
      const session = await signIn("reset-session@example.org", made.password);
      await expect(requirePermission(session, "series:read")).resolves.toMatchObject({ id: made.id });
      const issued = await resetUserPassword(people.manager, { userId: made.id, credential: "password" });
      await expect(requirePermission(session, "series:read")).rejects.toMatchObject({ code: "unauthenticated" });
      const { createApiToken } = await import("@/lib/dal/api-tokens");
      await expect(createApiToken(session, { name: "persistence" })).rejects.toMatchObject({ code: "unauthenticated" });
      if (!("password" in issued)) throw new Error("expected a password");
      await expect(requirePermission(await signIn("reset-session@example.org", issued.password), "series:read")).resolves.toBeDefined();
    });

    it("a disable ends sessions for good, even after the account is enabled again", async () => {
      const made = await withPassword("disable-session@example.org", "staff");
      const session = await signIn("disable-session@example.org", made.password);
      await setUserDisabled(people.manager, { userId: made.id, disabled: true });
      await setUserDisabled(people.manager, { userId: made.id, disabled: false });
      await expect(requirePermission(session, "statements:read")).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("a role change ends sessions", async () => {
      const made = await withPassword("role-session@example.org", "staff");
      const session = await signIn("role-session@example.org", made.password);
      await changeUserRole(people.manager, { userId: made.id, role: "analyst" });
      await expect(requirePermission(session, "statements:read")).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("signing out ends every session of that person, not only the one that signed out", async () => {
      const made = await withPassword("signout-session@example.org", "analyst");
      const here = await signIn("signout-session@example.org", made.password);
      const copied = await signIn("signout-session@example.org", made.password);
      await endMySessions(here);
      await expect(requirePermission(copied, "statements:read")).rejects.toMatchObject({ code: "unauthenticated" });
      await expect(endMySessions(copied)).resolves.toBe(false); // an ended session cannot end anything
      await expect(requirePermission(await signIn("signout-session@example.org", made.password), "statements:read")).resolves.toBeDefined();
    });

    it("a session has an absolute lifetime, however often it was refreshed", async () => {
      const made = await withPassword("lifetime-session@example.org", "analyst");
      const hoursAgo = (h: number) => Math.floor(Date.now() / 1000) - h * 3600;
      const old = await signIn("lifetime-session@example.org", made.password, hoursAgo(SESSION_LIFETIME_HOURS + 0.1));
      await expect(requirePermission(old, "statements:read")).rejects.toMatchObject({ code: "unauthenticated" });
      const young = await signIn("lifetime-session@example.org", made.password, hoursAgo(SESSION_LIFETIME_HOURS - 0.1));
      await expect(requirePermission(young, "statements:read")).resolves.toBeDefined();
    });
  });

  describe("set-password links", () => {
    const useLink = (token: string, password = "a long enough password") =>
      setPasswordWithLink({ db: database.db, userId: null }, { token, password });
    const linkOf = (issued: object) => {
      if (!("link" in issued) || typeof issued.link !== "string") throw new Error("expected a link");
      return issued.link;
    };

    it("a new link voids the older ones", async () => {
      const { id } = await createUser(people.manager, { email: "two-links@example.org", name: "T", role: "analyst", credential: "link" });
      const first = linkOf(await resetUserPassword(people.manager, { userId: id, credential: "link" }));
      const second = linkOf(await resetUserPassword(people.manager, { userId: id, credential: "link" }));
      await expect(useLink(first)).rejects.toThrow(/not valid any more/);
      await expect(useLink(second)).resolves.toMatchObject({ email: "two-links@example.org" });
    });

    it("a reset to a random password voids the links", async () => {
      const made = await createUser(people.manager, {
        email: "link-then-password@example.org",
        name: "L",
        role: "analyst",
        credential: "link",
      });
      await resetUserPassword(people.manager, { userId: made.id, credential: "password" });
      await expect(useLink(linkOf(made))).rejects.toThrow(/not valid any more/);
    });

    it("a disabled account's links are void, and stay void once it is enabled again", async () => {
      const made = await createUser(people.manager, { email: "disabled-link@example.org", name: "D", role: "analyst", credential: "link" });
      const other = await createUser(people.manager, {
        email: "disabled-link-2@example.org",
        name: "D2",
        role: "analyst",
        credential: "link",
      });
      await setUserDisabled(people.manager, { userId: made.id, disabled: true });
      await setUserDisabled(people.manager, { userId: other.id, disabled: true });
      await expect(useLink(linkOf(made))).rejects.toThrow(/not valid any more/);
      await setUserDisabled(people.manager, { userId: other.id, disabled: false });
      await expect(useLink(linkOf(other))).rejects.toThrow(/not valid any more/);
    });

    it("a link sets a password only for an enabled account, even one disabled directly in the database", async () => {
      const made = await createUser(people.manager, {
        email: "db-disabled-link@example.org",
        name: "D",
        role: "analyst",
        credential: "link",
      });
      await database.db.update(users).set({ disabled: true }).where(eq(users.id, made.id));
      await expect(useLink(linkOf(made))).rejects.toThrow(/not valid any more/);
    });
  });

  it("sign-in costs the same whether the account exists, has a password yet, or not", async () => {
    await createUser(people.manager, { email: "waiting@example.org", name: "W", role: "analyst", credential: "link" });
    const median = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await verifyCredentials(database.db, email, "a wrong password");
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    const real = await median("analyst@test.example");
    // bcrypt at cost 10 takes tens of milliseconds; a skipped check takes well under one
    expect(await median("waiting@example.org")).toBeGreaterThan(real * 0.5);
    expect(await median("nobody-here@example.org")).toBeGreaterThan(real * 0.5);
  });
});
