import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import { statements, themes } from "@/db/schema";
import { cachedResponse } from "@/lib/auth/cached-response";
import { contextForToken } from "@/lib/dal/public/api-token";
import { createApiToken } from "@/lib/dal/api-tokens";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { listCodebook, updateTheme, updateThemeRules } from "@/lib/dal/codebook-admin";
import { deskFront } from "@/lib/dal/changes";
import { listPairs, listThemes } from "@/lib/dal/catalog";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { addEvent, deleteEvent, eventsFor, updateEvent } from "@/lib/dal/events";
import { pairSeries, pairThemeOverview, type PairSeriesQuery } from "@/lib/dal/pair-series";
import { cachedEntries, dataVersion, sharedDataVersion } from "@/lib/dal/read-cache";
import { markReviewed } from "@/lib/dal/review";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { queueRetag, retagNextBatch } from "@/lib/dal/internal/retag";
import { saveView } from "@/lib/dal/saved-views";
import { rebuildCells, withCells } from "@/lib/dal/internal/series-cells";
import { setPairs, updateMetadata } from "@/lib/dal/statement-edits";
import { listStatements } from "@/lib/dal/statements";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { queueToneRescore, rescoreToneNextBatch } from "@/lib/dal/internal/tone-rescore";
import { analyseDraft } from "@/lib/ingest/pipeline";
import type { TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

const filtersOf = (query: string) => seriesQueryFromParams(new URLSearchParams(query));

const QUERY: PairSeriesQuery = {
  pairs: [{ speaker: "ARM", counterpart: "AZE" }],
  bothDirections: false,
  themes: ["nagorno-karabakh", "democracy"],
  interval: "year",
  measure: "statements",
  scale: "count",
};
const TEXT = "Nagorno-Karabakh must see a lasting peace settlement.\n\nFree and fair elections and the rule of law matter to democracy.";

describe("the data version and the read cache on pglite", () => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let first: number;

  async function importOne(n: number, year = 2015): Promise<number> {
    const codebook = await activeCodebook(database.db);
    const record = analyseDraft(
      { raw: `${TEXT} (${n})`, title: `Armenia ${n}`, date: `${year}-05-15`, speakerCountry: "ARM", counterparts: ["AZE"] },
      codebook,
    );
    return (await writeStatement(database.db, record, null)).id;
  }
  const versionOf = async (id: number) =>
    (await database.db.select({ version: statements.version }).from(statements).where(eq(statements.id, id)))[0]!.version;
  const armAze = async (ctx: DalContext) => (await pairSeries(ctx, QUERY)).series[0]!.points.reduce((n, p) => n + p.statements, 0);

  /** The version before and after `write`: it must move, once the write has committed. */
  async function moves(write: () => Promise<unknown>): Promise<void> {
    const before = await dataVersion(database);
    await write();
    expect(await dataVersion(database)).toBeGreaterThan(before);
  }

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase("pglite"));
    first = await importOne(1);
  });
  afterAll(() => database?.close());
  afterEach(() => {
    delete process.env.DYAD_CACHE;
  });

  it("moves with every kind of write to what a chart, list or export could show", async () => {
    await moves(() => importOne(2));
    await moves(async () => addThemeTag(people.staff, { statementId: first, theme: "energy-security", version: await versionOf(first) }));
    await moves(async () =>
      removeThemeTag(people.staff, { statementId: first, theme: "energy-security", version: await versionOf(first) }),
    );
    await moves(async () =>
      setToneOverride(people.staff, { statementId: first, passageId: null, value: 2, version: await versionOf(first) }),
    );
    await moves(async () =>
      updateMetadata(people.staff, {
        statementId: first,
        version: await versionOf(first),
        metadata: {
          title: "Renamed",
          date: "2015-05-15",
          datePrecision: "day",
          speakerName: null,
          speakerTitle: null,
          speakerCountry: "ARM",
          venue: null,
          sourceUrl: null,
          kind: "statement",
        },
      }),
    );
    await moves(async () =>
      setPairs(people.staff, {
        statementId: first,
        version: await versionOf(first),
        pairs: [{ speakerIso3: "ARM", counterpartIso3: "AZE", isPrimary: true }],
      }),
    );
    await moves(async () => markReviewed(people.staff, { statementId: first, version: await versionOf(first) }));
    const event = await (async () => {
      let id = 0;
      await moves(async () => (id = await addEvent(people.staff, { day: "2016-01-01", label: "Talks", countryA: "ARM", countryB: "AZE" })));
      return id;
    })();
    await moves(() => updateEvent(people.manager, event, { day: "2016-01-02", label: "Talks resumed", countryA: "ARM", countryB: "AZE" }));
    await moves(() => deleteEvent(people.manager, event));
    const { version, themes: codebook } = await listCodebook(people.manager);
    const theme = codebook.find((t) => t.slug === "democracy")!;
    let next = version;
    await moves(
      async () =>
        ({ version: next } = await updateThemeRules(people.manager, {
          slug: theme.slug,
          enabled: true,
          version: next,
          rules: { ...theme.rules, aliases: ["ballot"] },
        })),
    );
    await moves(
      async () =>
        ({ version: next } = await updateTheme(people.manager, {
          slug: theme.slug,
          name: "Democracy and elections",
          color: theme.color,
          parent: null,
          enabled: true,
          version: next,
        })),
    );
    // Batch by batch here: the codebook change started a runner in the background too, which may take a batch first.
    await moves(async () => {
      await queueRetag(database.db, next);
      while (await retagNextBatch(database.db));
    });
    await database.db.update(statements).set({ toneVersion: "an older engine" });
    await moves(async () => {
      await queueToneRescore(database.db);
      while (await rescoreToneNextBatch(database.db));
    });
    await runJobsUntilIdle(database.db); // nothing left for the background runner to write later
    await moves(() => withCells(database.db, [first], async () => undefined));
    await moves(() => rebuildCells(database.db));
  });

  it("stays put for reads, refused or rolled-back writes, and writes no chart shows", async () => {
    const before = await dataVersion(database);
    await pairSeries(people.analyst, QUERY);
    await listStatements(people.analyst, {});
    await saveView(people.analyst, { name: "Mine", filters: filtersOf("pair=ARM>AZE&theme=democracy") });
    await createApiToken(people.analyst, { name: "reader", scopes: ["read"] });
    await expect(addThemeTag(people.staff, { statementId: first, theme: "democracy", version: 1 })).rejects.toBeInstanceOf(DalError); // stale
    await expect(
      addThemeTag(people.analyst, { statementId: first, theme: "democracy", version: await versionOf(first) }),
    ).rejects.toBeInstanceOf(DalError); // not allowed
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(themes).set({ name: "Gone" });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await dataVersion(database)).toBe(before);
  });

  it("answers identical reads from memory until a write, then reads afresh", async () => {
    const one = await pairSeries(people.analyst, QUERY);
    // The same object: no query ran. Key order and defaults do not matter.
    expect(await pairSeries(people.analyst, { ...QUERY })).toBe(one);
    expect(await pairSeries(people.manager, { themes: QUERY.themes, pairs: QUERY.pairs } as PairSeriesQuery)).toBe(one);
    expect(Object.isFrozen(one.series[0]!.points[0])).toBe(true);
    const overview = await pairThemeOverview(people.analyst, {});
    expect(await pairThemeOverview(people.analyst, {})).toBe(overview);
    expect(await pairSeries(people.analyst, { ...QUERY, interval: "month" })).not.toBe(one);
    const counted = await armAze(people.analyst);

    await importOne(3, 2016);
    const after = await pairSeries(people.analyst, QUERY);
    expect(after).not.toBe(one);
    expect(await armAze(people.analyst)).toBe(counted + 1);
    expect(await pairThemeOverview(people.analyst, {})).not.toBe(overview);
  });

  it("shares one version query among reads that ask together, yet each sees every write committed before it asked", async () => {
    const together = [sharedDataVersion(database), sharedDataVersion(database)];
    expect(together[0]).toBe(together[1]);
    const before = await together[0]!;
    await importOne(2, 2016);
    // Asked after the write committed: a query sent after it asked, never the one in flight before.
    const after = sharedDataVersion(database);
    expect(after).not.toBe(together[0]);
    expect(await after).toBeGreaterThan(before);
    expect(await after).toBe(await dataVersion(database));
  });

  it("with DYAD_CACHE=off reads afresh every time", async () => {
    process.env.DYAD_CACHE = "off";
    const one = await pairSeries(people.analyst, QUERY);
    expect(await pairSeries(people.analyst, QUERY)).not.toBe(one);
    expect(await pairSeries(people.analyst, QUERY)).toEqual(one);
  });

  it("drops entries of an older version and keeps within its bound", async () => {
    await pairSeries(people.analyst, QUERY);
    await listThemes(people.analyst);
    expect(cachedEntries(database)).toBeGreaterThanOrEqual(2);
    await importOne(4, 2017);
    await listPairs(people.analyst, 5);
    expect(cachedEntries(database)).toBe(1);

    process.env.DYAD_CACHE_MB = String(4 / 1024); // about 4,000 characters of JSON
    await importOne(6, 2017);
    try {
      for (const interval of ["year", "quarter", "month", "week"] as const)
        await pairSeries(people.analyst, { ...QUERY, from: "2015-01-01", to: "2017-12-31", interval });
      const held = cachedEntries(database);
      expect(held).toBeGreaterThanOrEqual(1);
      expect(held).toBeLessThan(4);
      // The most recent stays; the oldest went first.
      const week = await pairSeries(people.analyst, { ...QUERY, from: "2015-01-01", to: "2017-12-31", interval: "week" });
      expect(await pairSeries(people.analyst, { ...QUERY, from: "2015-01-01", to: "2017-12-31", interval: "week" })).toBe(week);
    } finally {
      delete process.env.DYAD_CACHE_MB;
    }
  });

  it("never gives one user's role, views or refusals to another", async () => {
    const series = await pairSeries(people.analyst, QUERY);
    // A filled cache changes nothing for those who may not read it.
    await expect(pairSeries(people.anonymous, QUERY)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(pairSeries(people.disabled, QUERY)).rejects.toMatchObject({ code: "unauthenticated" });
    // Tokens made today always read; one limited to writing stands for any caller the DAL refuses.
    const writeOnly: DalContext = { ...people.staff, auth: { kind: "token", scopes: ["write"] } };
    await expect(pairSeries(writeOnly, QUERY)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listThemes(writeOnly)).rejects.toMatchObject({ code: "forbidden" });
    await expect(eventsFor(writeOnly, QUERY.pairs)).rejects.toMatchObject({ code: "forbidden" });
    const reader = await contextForToken(database.db, (await createApiToken(people.staff, { name: "reader", scopes: ["read"] })).token);
    expect(await pairSeries(reader, QUERY)).toBe(series);

    // Saved views are each user's own, though the changes behind them come from the shared cache.
    await saveView(people.manager, { name: "Manager's Karabakh", filters: filtersOf("pair=ARM>AZE&theme=nagorno-karabakh") });
    await saveView(people.staff, { name: "Staff democracy", filters: filtersOf("pair=ARM>AZE&theme=democracy") });
    const names = async (ctx: DalContext) => (await deskFront(ctx, QUERY)).views.map((v) => v.view.name);
    const staffViews = await names(people.staff);
    const managerViews = await names(people.manager);
    expect(staffViews).toEqual(["Staff democracy"]);
    expect(managerViews).toEqual(["Manager's Karabakh"]);
    expect(await names(people.staff)).toEqual(staffViews);
  });

  describe("the JSON API's ETags", () => {
    const respond = (ctx: DalContext, headers: Record<string, string> = {}) =>
      cachedResponse(
        ctx,
        new Request("http://dyad.test/api/v1/series", { headers }),
        { permission: "series:read", kind: "series", key: QUERY },
        async () => Response.json(await pairSeries(ctx, QUERY)),
      );

    it("sends a strong ETag, answers 304 to it, and a new one after a write", async () => {
      const first = await respond(people.analyst);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[\w-]{20,}"$/);
      expect(first.headers.get("cache-control")).toBe("private, no-cache");
      const body = await first.json();
      expect(body.series[0].pair).toBe("ARM→AZE");

      const again = await respond(people.analyst, { "if-none-match": etag });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");
      expect((await respond(people.analyst, { "if-none-match": `"other", ${etag}` })).status).toBe(304);
      expect((await respond(people.analyst, { "if-none-match": '"other"' })).status).toBe(200);

      await importOne(5, 2018);
      const changed = await respond(people.analyst, { "if-none-match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(JSON.stringify(await changed.json())).not.toBe(JSON.stringify(body));
    });

    it("differs by what the caller may do, and refuses before it would say 304", async () => {
      const analyst = (await respond(people.analyst)).headers.get("etag")!;
      const staff = (await respond(people.staff)).headers.get("etag")!;
      const reader = await contextForToken(database.db, (await createApiToken(people.analyst, { name: "api", scopes: ["read"] })).token);
      const token = (await respond(reader)).headers.get("etag")!;
      expect(new Set([analyst, staff, token]).size).toBe(3);
      expect((await respond(people.staff, { "if-none-match": analyst })).status).toBe(200);

      const writeOnly: DalContext = { ...people.analyst, auth: { kind: "token", scopes: ["write"] } };
      await expect(respond(writeOnly, { "if-none-match": analyst })).rejects.toMatchObject({ code: "forbidden" });
      await expect(respond(people.disabled, { "if-none-match": "*" })).rejects.toMatchObject({ code: "unauthenticated" });
    });
  });

  it("after reads racing writes, the cached answer is the committed one", async () => {
    for (let i = 0; i < 5; i++) {
      await Promise.all([importOne(10 + i, 2019), armAze(people.analyst), armAze(people.staff)]);
      expect(await armAze(people.analyst)).toBe(await freshCount());
    }

    async function freshCount() {
      process.env.DYAD_CACHE = "off";
      try {
        return await armAze(people.analyst);
      } finally {
        delete process.env.DYAD_CACHE;
      }
    }
  });
});
