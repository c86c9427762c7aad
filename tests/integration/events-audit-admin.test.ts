import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAudit, listAudit, AUDIT_PAGE_SIZE } from "@/lib/dal/audit-view";
import type { DalContext } from "@/lib/dal/context";
import { addEvent, deleteEvent, listEvents, updateEvent } from "@/lib/dal/events";
import { createUser } from "@/lib/dal/user-admin";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, tableCounts, type Person } from "../support/fixtures";

describe.each(TEST_DRIVERS)("event markers and the audit log on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    people = await createPeople(database.db);
  });
  afterAll(() => database?.close());

  it("a manager lists, edits and deletes events, each change audited with before and after", async () => {
    const id = await addEvent(people.staff, { day: "2020-09-27", label: "War resumes", countryA: "ARM", countryB: "AZE" });
    await updateEvent(people.manager, id, { day: "2020-09-27", label: "Second Karabakh war begins", countryA: "ARM", countryB: "AZE" });
    expect((await listEvents(people.manager)).find((e) => e.id === id)?.label).toBe("Second Karabakh war begins");
    const { rows } = await listAudit(people.manager, { action: "event.update" });
    expect(rows[0]).toMatchObject({
      entityId: String(id),
      before: { label: "War resumes" },
      after: { label: "Second Karabakh war begins" },
    });
    // what a person reads: only the field that changed, old → new, not the whole record as JSON
    expect(rows[0]!.changes).toEqual(["label: War resumes → Second Karabakh war begins"]);
    await deleteEvent(people.manager, id);
    expect((await listEvents(people.manager)).find((e) => e.id === id)).toBeUndefined();
    expect((await listAudit(people.manager, { action: "event.delete" })).rows[0]).toMatchObject({
      before: { label: "Second Karabakh war begins" },
    });
    await expect(deleteEvent(people.manager, id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a bad event edit with a message and changes nothing", async () => {
    const id = await addEvent(people.staff, { day: "2008-08-07", label: "Russo-Georgian war" });
    const before = await tableCounts(database.db);
    await expect(updateEvent(people.manager, id, { day: "2008-02-30", label: "x", countryA: null, countryB: null })).rejects.toThrow(
      /does not exist/,
    );
    await expect(updateEvent(people.manager, id, { day: "2008-08-07", label: "x", countryA: "RUS", countryB: null })).rejects.toThrow(
      /both countries/,
    );
    // adding is checked by the DAL too, not only by the dashboard's form
    await expect(addEvent(people.staff, { day: "2008-02-30", label: "no such day" })).rejects.toThrow(/does not exist/);
    await expect(addEvent(people.staff, { day: "2008-08-07", label: "   " })).rejects.toThrow(/describe the event/);
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("staff and analysts may not edit, delete or list events for administration, nor read the audit log", async () => {
    const id = await addEvent(people.staff, { day: "2001-09-11", label: "Attacks on New York and Washington" });
    for (const who of [people.staff, people.analyst]) {
      await expect(listEvents(who)).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateEvent(who, id, { day: "2001-09-11", label: "changed", countryA: null, countryB: null })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(deleteEvent(who, id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(listAudit(who, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(exportAudit(who, {})).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("filters the audit log by actor, action, entity and dates, and pages it", async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      await createUser(people.manager, { email: `bulk${i}@example.org`, name: `Bulk ${i}`, role: "analyst", credential: "link" });
    }
    const byManager = await listAudit(people.manager, { actor: "manager@", action: "user.create" });
    expect(byManager.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(byManager.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(byManager.pages).toBe(2);
    const second = await listAudit(people.manager, { actor: "manager@", action: "user.create", page: 2 });
    expect(second.rows).toHaveLength(5);
    expect(second.rows.every((r) => r.actor === "manager@test.example" && r.action === "user.create")).toBe(true);
    expect(new Set([...byManager.rows, ...second.rows].map((r) => r.id)).size).toBe(AUDIT_PAGE_SIZE + 5);

    expect((await listAudit(people.manager, { actor: "staff@" })).rows.every((r) => r.actor === "staff@test.example")).toBe(true);
    expect((await listAudit(people.manager, { entityType: "event" })).rows.every((r) => r.entityType === "event")).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAudit(people.manager, { from: today, to: today })).total).toBeGreaterThan(AUDIT_PAGE_SIZE);
    expect((await listAudit(people.manager, { to: "2000-01-01" })).total).toBe(0);
    expect((await listAudit(people.manager, { actor: "%" })).total).toBe(0); // a wildcard is a character, not a pattern
    await expect(listAudit(people.manager, { from: "2020-05-01", to: "2020-04-01" })).rejects.toThrow(/start date is after/);
    expect((await exportAudit(people.admin, { actor: "manager@", action: "user.create" })).length).toBe(AUDIT_PAGE_SIZE + 5);
  });
});
