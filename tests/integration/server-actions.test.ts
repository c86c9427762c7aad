import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { action, inputAction, NOT_A_FORM } from "@/lib/auth/action";
import type { DalContext } from "@/lib/dal/context";
import { addEvent, listEvents } from "@/lib/dal/events";
import { blankAsNull, isoDaySchema, pairTextSchema, recordIdSchema } from "@/lib/validation";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createPeople, tableCounts, type Person } from "../support/fixtures";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("the server action wrapper, on a real database", () => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const as = (person: Person) => () => Promise.resolve(people[person]);
  /** The dashboard's event form, as app/dashboard/actions.ts writes it. */
  const eventForm = z.object({ day: isoDaySchema, label: z.string(), pair: blankAsNull(pairTextSchema) });
  const addEventAs = (person: Person) =>
    action(
      eventForm,
      (ctx, { day, label, pair }) => addEvent(ctx, { day, label, countryA: pair?.speaker ?? null, countryB: pair?.counterpart ?? null }),
      as(person),
    );

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    people = await createPeople(database.db);
  });
  afterAll(() => database?.close());

  it("hands the parsed form to the DAL call, called either way React calls a form action", async () => {
    const asForm = await addEventAs("staff")(form({ day: "2020-09-27", label: "War resumes", pair: "armenia > Azerbaijan" }));
    const asState = await addEventAs("staff")(null, form({ day: "2020-11-10", label: "Ceasefire", pair: "" }));
    expect(asForm).toMatchObject({ ok: true, value: expect.any(Number) });
    expect(asState).toMatchObject({ ok: true, value: expect.any(Number) });
    const events = await listEvents(people.manager);
    expect(events.find((e) => e.label === "War resumes")).toMatchObject({ countryA: "ARM", countryB: "AZE" });
    expect(events.find((e) => e.label === "Ceasefire")).toMatchObject({ countryA: null, countryB: null });
  });

  it("refuses anything but a form without calling the DAL", async () => {
    const before = await tableCounts(database.db);
    const run = addEventAs("staff") as unknown as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[], [null], [null, null], ["x", {}], [{ day: "2020-01-01", label: "x" }], [null, "day=2020-01-01"]]) {
      expect(await run(...args), JSON.stringify(args)).toEqual(NOT_A_FORM);
    }
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("words a form zod refuses in the one wording, naming each field, and saves nothing", async () => {
    const before = await tableCounts(database.db);
    const result = await addEventAs("staff")(form({ day: "2020-02-30", label: "x", pair: "Narnia > Azerbaijan" }));
    expect(result).toEqual({
      ok: false,
      error:
        "Nothing was changed: day: 2020-02-30 does not exist; pair: the speaker is not a country Dyad knows; use its English name (Armenia) or ISO code (ARM).",
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("answers the DAL's refusal with the DAL's own sentence", async () => {
    const before = await tableCounts(database.db);
    const direct = await addEvent(people.anonymous, { day: "2020-01-01", label: "x" }).catch((e: Error) => e.message);
    expect(await addEventAs("anonymous")(form({ day: "2020-01-01", label: "x", pair: "" }))).toEqual({ ok: false, error: direct });
    expect(await addEventAs("staff")(form({ day: "2020-01-01", label: "   ", pair: "" }))).toEqual({
      ok: false,
      error: "label: describe the event",
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it("never shows an unexpected failure, only that nothing was saved", async () => {
    const failing = action(z.object({}), () => Promise.reject(new Error("connection string postgres://secret@db")), as("staff"));
    const result = await failing(form({}));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("secret");
  });

  it("an action called with values parses them with the same wording", async () => {
    const seen: number[] = [];
    const byId = inputAction(z.object({ id: recordIdSchema }), async (_ctx, { id }) => seen.push(id), as("staff"));
    expect(await byId({ id: "42" })).toEqual({ ok: true, value: 1 });
    expect(seen).toEqual([42]);
    expect(await byId({ id: "1e3" })).toEqual({ ok: false, error: "Nothing was changed: id: an id is a whole number." });
    expect((await (byId as (v: unknown) => Promise<{ ok: boolean }>)(null)).ok).toBe(false);
  });
});

describe("every server action in app/ is written with the wrapper", () => {
  const actionFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? actionFiles(file) : name === "actions.ts" ? [file] : [];
    });

  it.each(actionFiles("app"))("%s parses through action/inputAction and formats no zod error itself", (file) => {
    const source = readFileSync(file, "utf8");
    expect(source).not.toMatch(/export\s+async\s+function/);
    expect(source).not.toMatch(/safeParse|\.issues\b|instanceof FormData|runAction/);
    for (const [, name, wrapper] of source.matchAll(/export const (\w+) = (\w+)\(/g))
      expect(["action", "inputAction", "edit"], name).toContain(wrapper);
  });
});
