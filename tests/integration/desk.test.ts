import { DOMParser } from "linkedom";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import { users } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { describeChange, listChanges, changesQueryOf } from "@/lib/dal/changes";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { deleteView, getView, listViews, replaceFeedToken, saveView } from "@/lib/dal/saved-views";
import { viewForFeedToken } from "@/lib/dal/public/feed";
import { resolveShortLink, shortLinkFor } from "@/lib/dal/short-links";
import { countryProfile, pairProfile, quotedPassages } from "@/lib/dal/profiles";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { changesAtom } from "@/app/feeds/[token]/changes-atom";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { createSeededDatabase, type Person } from "../support/fixtures";
import type { TestDatabase } from "../support/db";

const filtersOf = (query: string) => seriesQueryFromParams(new URLSearchParams(query));

const OTHER = "We discussed trade, tourism and the weather with our neighbours";
const KARABAKH = "Nagorno-Karabakh must see a lasting peace settlement";

/** A statement of `total` passages, `onTheme` of them about Nagorno-Karabakh. */
const speech = (onTheme: number, total: number, n: number) =>
  [
    ...Array.from({ length: onTheme }, (_, i) => `${KARABAKH} (${n}.${i}).`),
    ...Array.from({ length: total - onTheme }, (_, i) => `${OTHER} (${n}.${i}).`),
  ].join("\n\n");

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as DalError,
  );

describe("the analyst's desk on pglite", () => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase("pglite"));
    const codebook = await activeCodebook(database.db);
    let n = 0;
    // ARM → AZE: one passage in ten on the theme for four years, then nine in ten. GEO → TUR: steady.
    // AZE → TUR: the same jump, but in 2019 and nothing since: old news, not listed.
    for (const [year, onTheme] of [
      [2013, 1],
      [2015, 1],
      [2017, 1],
      [2019, 9],
    ] as const) {
      await writeStatement(
        database.db,
        analyseDraft(
          {
            raw: speech(onTheme, 10, ++n),
            title: `Azerbaijan ${year}`,
            date: `${year}-05-15`,
            speakerCountry: "AZE",
            counterparts: ["TUR"],
          },
          codebook,
        ),
        null,
      );
    }
    for (const [year, onTheme] of [
      [2015, 1],
      [2017, 1],
      [2019, 1],
      [2021, 1],
      [2023, 9],
    ] as const) {
      for (const month of ["03", "09"]) {
        await writeStatement(
          database.db,
          analyseDraft(
            {
              raw: speech(onTheme, 10, ++n),
              title: `Armenia ${year}-${month}`,
              date: `${year}-${month}-15`,
              speakerCountry: "ARM",
              speakerName: `Minister ${month}`,
              speakerTitle: "Foreign Minister",
              counterparts: ["AZE"],
            },
            codebook,
          ),
          null,
        );
        await writeStatement(
          database.db,
          analyseDraft(
            {
              raw: speech(2, 10, ++n),
              title: `Georgia ${year}-${month}`,
              date: `${year}-${month}-15`,
              speakerCountry: "GEO",
              counterparts: ["TUR"],
            },
            codebook,
          ),
          null,
        );
      }
    }
  });
  afterAll(() => database?.close());

  it("finds the planted rise in attention, largest first, with the statements behind it; nothing on the steady pair or in old news", async () => {
    const { changes, period } = await listChanges(people.analyst, { themes: ["nagorno-karabakh"] });
    expect(period).toBe("2023");
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({
      speaker: "ARM",
      counterpart: "AZE",
      theme: "nagorno-karabakh",
      shift: { measure: "attention", direction: "up", period: "2023", baselinePeriods: ["2015", "2017", "2019", "2021"] },
    });
    expect(change!.shift.latest.estimate).toBeCloseTo(0.9, 5);
    expect(change!.statements.map((s) => s.title).sort()).toEqual(["Armenia 2023-03", "Armenia 2023-09"]);
    expect(describeChange(change!)).toBe(
      "ARM → AZE, Nagorno-Karabakh: attention rose to 90% of passages from 10% in 2023 (against 2015–2021)",
    );
  });

  it("looks only at the pairs asked for", async () => {
    expect((await listChanges(people.analyst, { pairs: [{ speaker: "GEO", counterpart: "TUR" }] })).changes).toEqual([]);
    const old = await listChanges(people.analyst, { pairs: [{ speaker: "AZE", counterpart: "TUR" }] });
    expect(old.changes.map((c) => [c.shift.period, c.shift.measure])).toEqual([["2019", "attention"]]);
  });

  it("saves a view under a name, lists and reopens it; another analyst cannot; a second view of that name is refused", async () => {
    const saved = await saveView(people.analyst, {
      name: "Karabakh desk",
      filters: filtersOf("pair=ARM>AZE&theme=nagorno-karabakh&interval=year"),
    });
    expect(saved.feedToken).toMatch(/^feed_/);
    expect((await listViews(people.analyst)).map((v) => v.name)).toContain("Karabakh desk");
    const reopened = await getView(people.analyst, saved.id);
    expect(new URLSearchParams(reopened.query).getAll("pair")).toEqual(["ARM>AZE"]);
    expect((await errorOf(getView(people.staff, saved.id)))?.code).toBe("not_found");
    expect(
      (await errorOf(saveView(people.analyst, { name: "Karabakh desk", filters: filtersOf("pair=ARM>AZE&theme=democracy") })))?.code,
    ).toBe("conflict");
    expect(() => filtersOf("pair=nowhere&theme=democracy")).toThrow(/by name or ISO code/);
    const bad = await errorOf(
      saveView(people.analyst, { name: "Broken", filters: { pairs: [{ speaker: "nowhere", counterpart: "AZE" }], themes: ["democracy"] } }),
    );
    expect(bad?.code).toBe("invalid");
    expect(bad?.message).toMatch(/a country is a three-letter ISO code/);
  });

  it("serves a view's changes as Atom that a real XML parser reads, with text escaped", async () => {
    const saved = await saveView(people.analyst, {
      name: "Peace <talks> & more",
      filters: filtersOf("pair=ARM>AZE&both=1&theme=nagorno-karabakh"),
    });
    const found = (await viewForFeedToken(database.db, saved.feedToken))!;
    const { changes } = await listChanges(found.ctx, changesQueryOf(found.view.filters, 20));
    const xml = changesAtom(found.view, changes, "http://dyad.test", `http://dyad.test/feeds/${saved.feedToken}`);
    const feed = new DOMParser().parseFromString(xml, "text/xml");
    expect(feed.querySelector("feed > title")?.textContent).toBe("Dyad · Peace <talks> & more: what changed");
    const entries = [...feed.querySelectorAll("entry")];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.querySelector("title")?.textContent).toContain("ARM → AZE, Nagorno-Karabakh: attention rose");
    expect(entries[0]!.querySelector("link")?.getAttribute("href")).toBe("http://dyad.test/pairs/ARM-AZE");
    expect(entries[0]!.querySelector("updated")?.textContent).toBe("2023-09-15T00:00:00.000Z");
    expect(entries[0]!.querySelector("summary")?.textContent).toContain("Armenia 2023-09 (2023-09-15): http://dyad.test/statements/");
  });

  it("refuses an unknown, replaced or disabled owner's feed token", async () => {
    const saved = await saveView(people.analyst, { name: "To renew", filters: filtersOf("pair=ARM>AZE&theme=democracy") });
    expect(await viewForFeedToken(database.db, "feed_nothing")).toBeNull();
    expect(await viewForFeedToken(database.db, "not a token")).toBeNull();
    const { feedToken } = await replaceFeedToken(people.analyst, saved.id);
    expect(await viewForFeedToken(database.db, saved.feedToken)).toBeNull();
    expect((await viewForFeedToken(database.db, feedToken))?.view.id).toBe(saved.id);
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, people.analyst.userId!));
    try {
      expect((await errorOf(viewForFeedToken(database.db, feedToken)))?.code).toBe("unauthenticated");
    } finally {
      await database.db.update(users).set({ disabled: false }).where(eq(users.id, people.analyst.userId!));
    }
    await deleteView(people.analyst, saved.id);
    expect(await viewForFeedToken(database.db, feedToken)).toBeNull();
  });

  it("gives the same filters one short code, in any order of parameters, and refuses codes it never gave", async () => {
    const a = await shortLinkFor(people.analyst, filtersOf("pair=ARM>AZE&theme=democracy&interval=year"));
    const b = await shortLinkFor(people.staff, filtersOf("interval=year&theme=democracy&pair=ARM-AZE"));
    expect(b.code).toBe(a.code);
    expect(new URLSearchParams(await resolveShortLink(people.manager, a.code)).get("pair")).toBe("ARM>AZE");
    expect((await errorOf(resolveShortLink(people.analyst, "zzzzzzzz")))?.code).toBe("not_found");
    expect((await errorOf(resolveShortLink(people.analyst, "../../etc")))?.code).toBe("not_found");
  });

  it("sums up a pair in both directions and a country on both sides", async () => {
    const pair = await pairProfile(people.analyst, "ARM", "AZE");
    expect(pair.themes[0]).toBe("nagorno-karabakh");
    const [there, back] = pair.directions;
    expect(there!.speakers).toEqual([
      { name: "Minister 03", office: "Foreign Minister", country: "ARM", statements: 5 },
      { name: "Minister 09", office: "Foreign Minister", country: "ARM", statements: 5 },
    ]);
    expect(there!.passages[0]!.themes).toEqual(["Nagorno-Karabakh"]);
    expect(back!.speakers).toEqual([]);
    const armenia = await countryProfile(people.analyst, "arm");
    expect(armenia.speaksAbout.map((r) => [r.iso3, r.statements, r.themes.map((t) => t.name)])).toEqual([
      ["AZE", 10, ["Nagorno-Karabakh"]],
    ]);
    expect((await countryProfile(people.analyst, "AZE")).spokenAbout.map((r) => r.iso3)).toEqual(["ARM"]);
    expect((await errorOf(pairProfile(people.analyst, "ARM", "ARM")))?.code).toBe("invalid");
    expect((await errorOf(pairProfile(people.analyst, "ARM", "XYZ")))?.code).toBe("not_found");
    expect((await errorOf(countryProfile(people.analyst, "Armenia")))?.code).toBe("invalid");
  });

  it("lists the pair's passages that later statements repeat word for word, others' repeats counted apart; formulas are not quotes", async () => {
    const codebook = await activeCodebook(database.db);
    const line = "Iran sponsors terrorism across the region, and the world must hold the regime in Tehran to account for every attack.";
    const formula = "We will fight terrorism in all its forms and manifestations, wherever and by whomever it is committed, together.";
    const write = (speakerCountry: string, date: string, raw: string) =>
      writeStatement(
        database.db,
        analyseDraft({ raw, title: `${speakerCountry} ${date}`, date, speakerCountry, counterparts: ["IRN"] }, codebook),
        null,
      );
    await write("ISR", "2015-05-01", line);
    await write("USA", "2016-01-01", `As Israel said, ${line.toLowerCase()}`);
    await write("ISR", "2017-09-20", `We said it before and say it again: ${line}`);
    await write("GEO", "2014-02-01", formula); // said before: a formula, not Israel's words
    await write("ISR", "2015-06-01", `Iran is warned. ${formula}`);
    await write("USA", "2016-02-01", formula);
    const quoted = await quotedPassages(people.analyst, "ISR", "IRN");
    expect(quoted.map((q) => [q.date, q.later, q.byOthers])).toEqual([["2015-05-01", 2, 1]]);
    expect(line).toContain(quoted[0]!.phrase);
    expect(await quotedPassages(people.analyst, "IRN", "ISR")).toEqual([]);
  });
});
