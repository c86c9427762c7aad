import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { feedItems, feedSources, jobs, statementPairs, statements } from "@/db/schema";
import type { DalContext } from "@/lib/dal/context";
import { deleteFeed, listFeeds, pollFeedNow, setFeedPaused, subscribeFeed } from "@/lib/dal/feeds";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

/** A ministry's press releases, served on loopback: the feed changes when the test changes `releases`. */
interface Release {
  guid: string;
  slug: string;
  title: string;
  pubDate: string;
}

const PAGE_TEXT: Record<string, string> = {
  "baku-talks": `Foreign Minister Sergey Lavrov held talks in Baku with the Foreign Minister of Azerbaijan. The ministers discussed
    energy cooperation, the gas pipeline across the Caspian Sea and transport corridors between Russia and Azerbaijan. Both sides
    welcomed the growth of trade and agreed to continue regular consultations between the two foreign ministries.`,
  "yerevan-visit": `The Deputy Foreign Minister visited Yerevan for consultations with the Foreign Ministry of Armenia on regional
    security in the South Caucasus. The sides discussed the settlement of the Nagorno-Karabakh conflict and the work of the
    trilateral working group, and confirmed their support for stability and peace in the region.`,
  "tbilisi-statement": `The Ministry of Foreign Affairs comments on the elections in Georgia. Russia calls on all political forces in
    Georgia to respect the rule of law and the choice of the Georgian people, and regrets attempts by outside actors to interfere in
    the internal affairs of a sovereign state through their statements about democracy.`,
  "briefing-sochi": `At a briefing in Moscow the Foreign Ministry spokeswoman spoke about the meeting of the foreign ministers of
    Russia and Turkey in Sochi. The ministers discussed the situation in Syria, grain exports through the Black Sea and the
    construction of the nuclear power plant in Turkey, and agreed to prepare a visit of the President.`,
  "minsk-note": `The Foreign Ministry handed a note to the Ambassador of Belarus on the transit of oil through the Druzhba
    pipeline. The Russian side proposed technical consultations in Minsk on the quality of oil and on compensation to the companies
    affected, and stressed its interest in reliable supplies to European consumers.`,
};

function rssFor(releases: Release[], base: string): string {
  const items = releases
    .map(
      (r) => `<item><title>${r.title}</title><link>${base}/releases/${r.slug}</link>
        <guid isPermaLink="false">${r.guid}</guid><pubDate>${r.pubDate}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ministry press releases</title><link>${base}/</link>${items}</channel></rss>`;
}

function pageFor(slug: string): string {
  return `<!DOCTYPE html><html><head><title>Site title | ${slug}</title></head><body><nav>Home · Press</nav>
    <article><h1>${slug}</h1>${PAGE_TEXT[slug]!.split("\n")
      .map((line) => `<p>${line.trim()}</p>`)
      .join("")}</article></body></html>`;
}

describe.each(TEST_DRIVERS)("feed subscriptions on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let server: http.Server;
  let base: string;
  const releases: Release[] = [];
  const served = { feed200: 0, feed304: 0, hugeBytes: 0, downStatus: 500 };
  const previousAllow = process.env.DYAD_FEED_ALLOW_ADDRESSES;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    server = http.createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0]!;
      if (path === "/ministry/rss.xml") {
        const body = rssFor(releases, `${base}/ministry`);
        const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
        if (req.headers["if-none-match"] === etag) {
          served.feed304++;
          return res.writeHead(304, { etag }).end();
        }
        served.feed200++;
        return res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(body);
      }
      const release = /^\/ministry\/releases\/([\w-]+)$/.exec(path);
      if (release && PAGE_TEXT[release[1]!]) return res.writeHead(200, { "content-type": "text/html" }).end(pageFor(release[1]!));
      if (path === "/sitemap-index.xml")
        return res.writeHead(200, { "content-type": "application/xml" }).end(`<?xml version="1.0"?>
          <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>${base}/sitemaps/old.xml</loc><lastmod>2019-01-01</lastmod></sitemap>
            <sitemap><loc>/sitemaps/press.xml</loc><lastmod>2026-11-05</lastmod></sitemap>
          </sitemapindex>`);
      if (path === "/sitemaps/press.xml" || path === "/sitemaps/old.xml")
        return res.writeHead(200, { "content-type": "application/xml" }).end(`<?xml version="1.0"?>
          <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${(path.endsWith("press.xml") ? ["briefing-sochi"] : ["baku-talks"])
            .map((slug) => `<url><loc>${base}/ministry/releases/${slug}</loc><lastmod>2026-11-05T12:00:00+03:00</lastmod></url>`)
            .join("")}</urlset>`);
      if (path === "/atomic.xml")
        return res
          .writeHead(200, { "content-type": "application/rss+xml" })
          .end(
            rssFor(
              [{ guid: "mid-201", slug: "minsk-note", title: "Note to Belarus", pubDate: "2026-11-06T10:00:00Z" }],
              `${base}/ministry`,
            ),
          );
      if (path === "/broken.xml")
        return res.writeHead(200, { "content-type": "application/rss+xml" }).end("<rss><channel><item><title>Cut off</channel></rss>");
      if (path === "/to-metadata.xml") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      if (path === "/to-private.xml") return res.writeHead(302, { location: "http://10.20.30.40/feed.xml" }).end();
      if (path === "/to-loopback.xml") return res.writeHead(302, { location: `${base}/ministry/rss.xml` }).end();
      if (path === "/down.xml") {
        if (served.downStatus !== 200) return res.writeHead(served.downStatus).end("maintenance");
        return res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFor([], `${base}/ministry`));
      }
      if (path === "/huge.xml" || path === "/huge-declared.xml") {
        const total = 50 * 1024 * 1024;
        const chunk = Buffer.alloc(64 * 1024, "<item><title>x</title></item>");
        res.writeHead(200, { "content-type": "application/rss+xml", ...(path === "/huge-declared.xml" && { "content-length": total }) });
        res.write('<?xml version="1.0"?><rss><channel>');
        const pump = () => {
          while (served.hugeBytes < total && !res.destroyed) {
            served.hugeBytes += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          if (!res.destroyed) res.end("</channel></rss>");
        };
        res.on("close", () => res.destroy());
        return pump();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The test server is on loopback, which feeds may not use: the deployment setting allows exactly it, on the first hop.
    process.env.DYAD_FEED_ALLOW_ADDRESSES = "127.0.0.1";
  });
  afterAll(async () => {
    process.env.DYAD_FEED_ALLOW_ADDRESSES = previousAllow;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await database?.close();
  });

  const sourceRow = async (id: number) => (await database.db.select().from(feedSources).where(eq(feedSources.id, id)))[0]!;
  const follow = (url: string, intervalMinutes = 60) =>
    subscribeFeed(people.staff, { url, speakerCountry: "RUS", language: "en", intervalMinutes }).then((r) => r.id);

  it("imports a feed's items through the pipeline, then only what is new, and asks with its ETag (304 when unchanged)", async () => {
    releases.push(
      { guid: "mid-101", slug: "baku-talks", title: "Sergey Lavrov's talks in Baku", pubDate: "Tue, 03 Nov 2026 01:30:00 +0300" },
      { guid: "mid-102", slug: "yerevan-visit", title: "Consultations in Yerevan", pubDate: "Mon, 02 Nov 2026 18:00:00 +0300" },
    );
    const id = await follow(`${base}/ministry/rss.xml`);
    const atWork = async () => (await listFeeds(people.staff)).find((f) => f.id === id)!.atWork;
    expect(await atWork()).toBe(true);
    await runJobsUntilIdle(database.db);
    expect(await atWork()).toBe(false);

    let source = await sourceRow(id);
    expect(source).toMatchObject({
      kind: "rss",
      lastResult: "new",
      lastError: null,
      lastPollNew: 2,
      lastPollImported: 2,
      itemsImported: 2,
    });
    expect(source.etag).toMatch(/^"[0-9a-f]{40}"$/);
    const saved = await database.db
      .select()
      .from(statements)
      .where(sql`${statements.sourceUrl} like ${`${base}/ministry/releases/%`}`)
      .orderBy(statements.id);
    expect(saved.map((s) => [s.title, s.date, s.datePrecision, s.speakerCountry, s.language, s.sourceUrl])).toEqual([
      ["Sergey Lavrov's talks in Baku", "2026-11-03", "day", "RUS", "en", `${base}/ministry/releases/baku-talks`],
      ["Consultations in Yerevan", "2026-11-02", "day", "RUS", "en", `${base}/ministry/releases/yerevan-visit`],
    ]);
    expect(saved[0]!.text).toMatch(/gas pipeline across the Caspian Sea/);
    expect(saved[0]!.text).not.toMatch(/Home · Press/);
    // The normal pipeline ran: pairs from the text (RUS → AZE) and tags by the codebook.
    const pairs = await database.db.select().from(statementPairs).where(eq(statementPairs.statementId, saved[0]!.id));
    expect(pairs.map((p) => p.counterpartIso3)).toContain("AZE");

    // Nothing changed: the server answers 304 to the ETag and nothing is read or imported.
    await pollFeedNow(people.staff, id);
    await runJobsUntilIdle(database.db);
    source = await sourceRow(id);
    expect(served.feed304).toBe(1);
    expect(source).toMatchObject({ lastResult: "unchanged", lastPollNew: 0, lastPollImported: 0, itemsImported: 2 });

    // The feed changes: one new release, and an old one retitled and moved (same guid): only the new one is imported.
    releases[1] = { ...releases[1]!, title: "Consultations in Yerevan (updated)" };
    releases.unshift({ guid: "mid-103", slug: "tbilisi-statement", title: "On the elections in Georgia", pubDate: "2026-11-04T09:00:00Z" });
    await pollFeedNow(people.staff, id);
    await runJobsUntilIdle(database.db);
    source = await sourceRow(id);
    expect(source).toMatchObject({ lastResult: "new", lastPollNew: 1, lastPollImported: 1, itemsImported: 3 });
    expect(served.feed200).toBe(2);
    const items = await database.db.select().from(feedItems).where(eq(feedItems.sourceId, id)).orderBy(feedItems.id);
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ["mid-101", "imported"],
      ["mid-102", "imported"],
      ["mid-103", "imported"],
    ]);
    const [georgia] = await database.db.select().from(statements).where(eq(statements.id, items[2]!.statementId!));
    expect(georgia).toMatchObject({ title: "On the elections in Georgia", date: "2026-11-04" });

    // The next poll is planned on the job runner an interval later, not in a loop of its own.
    const [next] = rowsOf<{ minutes: number }>(
      await database.db.execute(
        sql`select round(extract(epoch from run_after - now()) / 60)::int as minutes from jobs where dedupe_key = ${`feed-poll:${id}`} and state = 'queued'`,
      ),
    );
    expect(next!.minutes).toBe(60);

    const [listed] = (await listFeeds(people.staff)).filter((f) => f.id === id);
    expect(listed).toMatchObject({ url: `${base}/ministry/rss.xml`, kind: "rss", itemsImported: 3, lastPollImported: 1, lastError: null });
    expect(listed!.recentItems.map((i) => i.title)).toEqual([
      "On the elections in Georgia",
      "Consultations in Yerevan",
      "Sergey Lavrov's talks in Baku",
    ]);
  });

  it("recognises a release already imported from another source as a duplicate of its text", async () => {
    const id = await follow(`${base}/ministry/rss.xml?mirror`);
    await runJobsUntilIdle(database.db);
    expect(await sourceRow(id)).toMatchObject({ lastPollNew: 3, lastPollImported: 0, itemsImported: 0 });
    const states = await database.db.select({ state: feedItems.state }).from(feedItems).where(eq(feedItems.sourceId, id));
    expect(states.map((s) => s.state)).toEqual(["duplicate", "duplicate", "duplicate"]);
    await deleteFeed(people.staff, id);
  });

  it("follows a sitemap index one level down: the page gives the title, the sitemap the day", async () => {
    const id = await follow(`${base}/sitemap-index.xml`);
    await runJobsUntilIdle(database.db);
    expect(await sourceRow(id)).toMatchObject({ kind: "sitemap-index", lastPollNew: 2, lastPollImported: 1, itemsImported: 1 });
    const items = await database.db.select().from(feedItems).where(eq(feedItems.sourceId, id)).orderBy(feedItems.link);
    expect(items.map((i) => [i.link.replace(base, ""), i.state])).toEqual([
      ["/ministry/releases/baku-talks", "duplicate"],
      ["/ministry/releases/briefing-sochi", "imported"],
    ]);
    const [sochi] = await database.db.select().from(statements).where(eq(statements.id, items[1]!.statementId!));
    expect(sochi).toMatchObject({ title: "Site title | briefing-sochi", date: "2026-11-05", speakerCountry: "RUS" });
  });

  it("writes an item's statement and its state together: when the state cannot be written, no statement is left", async () => {
    const savedNote = () => database.db.$count(statements, eq(statements.sourceUrl, `${base}/ministry/releases/minsk-note`));
    await database.db.execute(sql`create function refuse_imported_item() returns trigger language plpgsql as $$
      begin if new.state = 'imported' then raise exception 'planted failure'; end if; return new; end $$`);
    await database.db.execute(sql`create trigger refuse_imported_item before update on feed_items
      for each row execute function refuse_imported_item()`);
    let id: number;
    try {
      id = await follow(`${base}/atomic.xml`);
      await runJobsUntilIdle(database.db);
      const [item] = await database.db.select().from(feedItems).where(eq(feedItems.sourceId, id));
      expect(item!.state).toBe("failed");
      expect(await savedNote()).toBe(0);
    } finally {
      await database.db.execute(sql`drop trigger refuse_imported_item on feed_items`);
      await database.db.execute(sql`drop function refuse_imported_item()`);
    }
    await pollFeedNow(people.staff, id);
    await runJobsUntilIdle(database.db);
    const [item] = await database.db.select().from(feedItems).where(eq(feedItems.sourceId, id));
    expect(item!.state).toBe("imported");
    expect(await savedNote()).toBe(1);
  });

  it("keeps a malformed feed's source with a clear error and imports nothing", async () => {
    const before = await database.db.$count(statements);
    const id = await follow(`${base}/broken.xml`);
    await runJobsUntilIdle(database.db);
    const source = await sourceRow(id);
    expect(source.lastResult).toBe("error");
    expect(source.lastError).toMatch(/^The feed is not well-formed XML \(line 1, column \d+: .+\)/);
    expect(source.failures).toBe(1);
    expect(await database.db.$count(statements)).toBe(before);
    expect(await database.db.$count(feedItems, eq(feedItems.sourceId, id))).toBe(0);
    expect((await listFeeds(people.staff)).find((f) => f.id === id)).toMatchObject({ lastError: source.lastError });
  });

  it("refuses a feed that redirects to a private address, even loopback which the first hop may use", async () => {
    for (const path of ["/to-metadata.xml", "/to-private.xml", "/to-loopback.xml"]) {
      const id = await follow(`${base}${path}`);
      await runJobsUntilIdle(database.db);
      const source = await sourceRow(id);
      expect(source.lastResult, path).toBe("error");
      expect(source.lastError, path).toMatch(/points to a private, loopback or reserved network address/);
      expect(await database.db.$count(feedItems, eq(feedItems.sourceId, id))).toBe(0);
    }
  });

  it("refuses a feed that is not on a public address unless the deployment allows that address, at subscribe and at each poll", async () => {
    const id = await follow(`${base}/ministry/rss.xml?not-allowed`);
    process.env.DYAD_FEED_ALLOW_ADDRESSES = "";
    try {
      await expect(follow(`${base}/ministry/rss.xml?refused`)).rejects.toThrow(/private, loopback or reserved/);
      await runJobsUntilIdle(database.db);
      expect((await sourceRow(id)).lastError).toMatch(/private, loopback or reserved/);
    } finally {
      process.env.DYAD_FEED_ALLOW_ADDRESSES = "127.0.0.1";
    }
  });

  it("refuses a 50 MB feed by its size, quickly and without reading it all", async () => {
    for (const path of ["/huge.xml", "/huge-declared.xml"]) {
      served.hugeBytes = 0;
      const started = Date.now();
      const id = await follow(`${base}${path}`);
      await runJobsUntilIdle(database.db);
      const elapsed = Date.now() - started;
      const source = await sourceRow(id);
      expect(source.lastError, path).toMatch(/^The download is (larger than 10 MB: stopped|50 MB; at most 10 MB is fetched)\./);
      expect(elapsed, path).toBeLessThan(5_000);
      // The server stops being read at the 10 MB limit (plus what socket buffers hold), not at 50 MB.
      expect(served.hugeBytes, path).toBeLessThan(25 * 1024 * 1024);
      console.log(`${path}: refused in ${elapsed} ms after the server wrote ${(served.hugeBytes / 1024 / 1024).toFixed(1)} MB`);
    }
  });

  it("backs a failing source off, doubling its wait per failure, and returns to its interval once it answers", async () => {
    served.downStatus = 503;
    const id = await follow(`${base}/down.xml`, 30);
    const minutesToNextPoll = async () =>
      rowsOf<{ m: number }>(
        await database.db.execute(
          sql`select round(extract(epoch from next_poll_at - now()) / 60)::int as m from feed_sources where id = ${id}`,
        ),
      )[0]!.m;
    await runJobsUntilIdle(database.db);
    expect(await sourceRow(id)).toMatchObject({ failures: 1, lastResult: "error", lastError: expect.stringMatching(/answered 503/) });
    expect(await minutesToNextPoll()).toBe(60);
    // Not due yet: the runner leaves it alone.
    await runJobsUntilIdle(database.db);
    expect((await sourceRow(id)).failures).toBe(1);
    await pollFeedNow(people.staff, id);
    await runJobsUntilIdle(database.db);
    expect((await sourceRow(id)).failures).toBe(2);
    expect(await minutesToNextPoll()).toBe(120);
    served.downStatus = 200;
    await pollFeedNow(people.staff, id);
    await runJobsUntilIdle(database.db);
    expect(await sourceRow(id)).toMatchObject({ failures: 0, lastResult: "new", lastError: null });
    expect(await minutesToNextPoll()).toBe(30);
  });

  it("pauses (no poll planned), resumes (polled at once) and deletes a source, keeping its statements", async () => {
    const [followed] = await database.db
      .select()
      .from(feedSources)
      .where(eq(feedSources.url, `${base}/ministry/rss.xml`));
    const queued = () => database.db.$count(jobs, and(eq(jobs.dedupeKey, `feed-poll:${followed!.id}`), eq(jobs.state, "queued")));
    await setFeedPaused(people.staff, followed!.id, true);
    expect(await queued()).toBe(0);
    await expect(pollFeedNow(people.staff, followed!.id)).rejects.toThrow(/paused/);
    await setFeedPaused(people.staff, followed!.id, false);
    expect(await queued()).toBe(1);
    await runJobsUntilIdle(database.db);
    expect((await sourceRow(followed!.id)).lastResult).toBe("unchanged");
    const statementsBefore = await database.db.$count(statements);
    await deleteFeed(people.staff, followed!.id);
    expect(await queued()).toBe(0);
    expect(await database.db.$count(feedItems, eq(feedItems.sourceId, followed!.id))).toBe(0);
    expect(await database.db.$count(statements)).toBe(statementsBefore);
  });

  it("refuses an address that is not http(s) or is private, a second subscription to one address, and an unknown country", async () => {
    await expect(follow("file:///etc/passwd")).rejects.toThrow(/not an http\(s\) web address/);
    for (const url of ["http://10.20.30.40/feed.xml", "http://169.254.169.254/latest/rss", "http://[::1]/rss"])
      await expect(follow(url), url).rejects.toThrow(/private, loopback or reserved network address/);
    await follow(`${base}/once.xml`);
    await expect(follow(`${base}/once.xml`)).rejects.toThrow(/followed already/);
    await expect(
      subscribeFeed(people.staff, { url: `${base}/other.xml`, speakerCountry: "XXX", language: "en", intervalMinutes: 60 }),
    ).rejects.toThrow(/not a country Dyad knows/);
  });
});
