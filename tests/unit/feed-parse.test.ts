import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IngestError } from "@/lib/ingest/errors";
import { feedAddressPolicy } from "@/lib/ingest/feed-fetch";
import { decodeFeed, feedDay, parseFeed } from "@/lib/ingest/feed-parse";

const BASE = "https://mfa.example/press/rss.xml";

/** Reads or refuses: any other error (a TypeError from an odd tree, a RangeError) fails. */
function readsOrRefuses(xml: string) {
  try {
    return parseFeed(xml, BASE);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    return null;
  }
}

describe("feed dates", () => {
  it("read RSS (RFC 822) and Atom or sitemap (ISO 8601) dates as the feed wrote the day", () => {
    expect(feedDay("Tue, 03 Nov 2026 01:30:00 +0300")).toBe("2026-11-03");
    expect(feedDay("3 Nov 2026 01:30 GMT")).toBe("2026-11-03");
    expect(feedDay("Wed, 4 September 2024 10:00:00 MSK")).toBe("2024-09-04");
    expect(feedDay("2026-11-04T23:30:00-05:00")).toBe("2026-11-04");
    expect(feedDay("2026-11-04")).toBe("2026-11-04");
    expect(feedDay("2026-02-30")).toBeNull();
    expect(feedDay("Tue, 03 Foo 2026")).toBeNull();
    expect(feedDay("0001-01-01T00:00:00Z")).toBeNull();
    expect(feedDay("yesterday")).toBeNull();
    expect(feedDay(undefined)).toBeNull();
  });

  it("never throw, and give either nothing or a usable YYYY-MM-DD day, for any string", () => {
    const dateLike = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc
        .tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom("Jan", "Feb", "Sept", "xyz", "May"), fc.integer({ min: 0, max: 99999 }))
        .map(([d, m, y]) => `Mon, ${d} ${m} ${y} 10:00:00 GMT`),
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.string({ maxLength: 12 }),
        )
        .map(([y, m, d, rest]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}${rest}`),
    );
    fc.assert(
      fc.property(dateLike, (text) => {
        const day = feedDay(text);
        if (day !== null) expect(day).toMatch(/^(18|19|20)\d\d-\d\d-\d\d$|^2100-\d\d-\d\d$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("feed parsing", () => {
  it("reads RSS 2.0 items: guid, absolute link (relative ones resolved), plain title, day", () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>MFA</title>
      <atom:link href="https://mfa.example/press/rss.xml" rel="self"/>
      <item><title>Talks &amp; consultations</title><link>/press/1</link><guid>id-1</guid><pubDate>Tue, 03 Nov 2026 09:00:00 +0300</pubDate></item>
      <item><title><![CDATA[On <b>Georgia</b>]]></title><link>https://mfa.example/press/2</link></item>
      <item><title>Atom link first</title><atom:link href="https://mfa.example/api/3" rel="self"/><link>https://mfa.example/press/3</link></item>
      <item><title>No link at all</title></item>
      <item><title>A script link</title><link>javascript:alert(1)</link></item>
      </channel></rss>`,
      BASE,
    );
    expect(feed).toEqual({
      kind: "rss",
      sitemaps: [],
      items: [
        { key: "id-1", link: "https://mfa.example/press/1", title: "Talks & consultations", day: "2026-11-03" },
        { key: "https://mfa.example/press/2", link: "https://mfa.example/press/2", title: "On Georgia", day: null },
        { key: "https://mfa.example/press/3", link: "https://mfa.example/press/3", title: "Atom link first", day: null },
      ],
    });
  });

  it("reads Atom entries by their alternate link and id, RSS 1.0 items, sitemaps and a sitemap index (newest first)", () => {
    const atom = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>MFA</title><entry><id>urn:1</id><title type="html">Press &lt;i&gt;release&lt;/i&gt;</title>
      <link rel="self" href="https://mfa.example/api/1"/><link rel="alternate" href="https://mfa.example/en/1"/><updated>2025-01-02T10:00:00Z</updated></entry></feed>`,
      BASE,
    );
    expect(atom.items).toEqual([{ key: "urn:1", link: "https://mfa.example/en/1", title: "Press release", day: "2025-01-02" }]);
    const rdf = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <item rdf:about="https://mfa.example/a"><title>A</title><link>https://mfa.example/a</link><dc:date>2024-05-06</dc:date></item></rdf:RDF>`,
      BASE,
    );
    expect(rdf).toMatchObject({ kind: "rss", items: [{ link: "https://mfa.example/a", day: "2024-05-06" }] });
    const sitemap = parseFeed(
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://mfa.example/p/1</loc><lastmod>2026-01-05</lastmod></url></urlset>`,
      BASE,
    );
    expect(sitemap.items).toEqual([{ key: "https://mfa.example/p/1", link: "https://mfa.example/p/1", title: null, day: "2026-01-05" }]);
    const index = parseFeed(
      `<sitemapindex><sitemap><loc>https://mfa.example/s1.xml</loc><lastmod>2020-01-01</lastmod></sitemap>
      <sitemap><loc>https://mfa.example/s2.xml</loc><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>`,
      BASE,
    );
    expect(index).toEqual({ kind: "sitemap-index", items: [], sitemaps: ["https://mfa.example/s2.xml", "https://mfa.example/s1.xml"] });
  });

  it("refuses what is not a feed with a sentence that says what it is", () => {
    const refusal = (xml: string) => {
      try {
        parseFeed(xml, BASE);
        return "read";
      } catch (error) {
        expect(error).toBeInstanceOf(IngestError);
        return (error as Error).message;
      }
    };
    expect(refusal("")).toBe("The feed is empty.");
    expect(refusal("<!DOCTYPE html><html><body>Press</body></html>")).toMatch(/web page, not an RSS or Atom feed/);
    expect(refusal("<rss><channel><item></channel></rss>")).toMatch(/^The feed is not well-formed XML \(line 1, column \d+: /);
    expect(refusal("<note><to>Tove</to></note>")).toBe("This XML is not an RSS or Atom feed or a sitemap (its root element is <note>).");
    expect(refusal('<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss>&b;</rss>')).toMatch(/entities/);
  });

  it("reads any string to items with http(s) links, or refuses it with an IngestError", () => {
    const fragment = fc.constantFrom(
      "<rss>",
      "</rss>",
      "<channel>",
      "</channel>",
      "<item>",
      "</item>",
      "<entry>",
      "</entry>",
      "<feed>",
      "</feed>",
      "<urlset>",
      "</urlset>",
      "<url>",
      "</url>",
      "<sitemapindex>",
      "<loc>",
      "</loc>",
      "<link>",
      "</link>",
      '<link href="',
      '"/>',
      "<guid>",
      "</guid>",
      "<title>",
      "</title>",
      "<pubDate>",
      "</pubDate>",
      "<![CDATA[",
      "]]>",
      "&amp;",
      "&#xD800;",
      "&bogus;",
      "https://mfa.example/x",
      "javascript:x",
      "//evil",
      "Tue, 03 Nov 2026",
      "<?xml version='1.0'?>",
      "<!-- -->",
      "<a:b xmlns:a='u'>",
      "</a:b>",
    );
    const xmlish = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.array(fc.oneof(fragment, fc.string({ maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(xmlish, (xml) => {
        const feed = readsOrRefuses(xml);
        for (const item of feed?.items ?? []) expect(new URL(item.link).protocol).toMatch(/^https?:$/);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodes a feed in the encoding its XML declaration names", () => {
    const cp1251 = Uint8Array.from([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><title>'),
      0xcc,
      0xc8,
      0xc4, // МИД
      ...new TextEncoder().encode("</title><link>https://mid.example/1</link></item></channel></rss>"),
    ]);
    expect(parseFeed(decodeFeed(cp1251), BASE).items[0]!.title).toBe("МИД");
    expect(decodeFeed(new TextEncoder().encode('<?xml version="1.0" encoding="no-such"?><rss/>'))).toMatch(/<rss\/>$/);
  });
});

describe("the feed address policy", () => {
  it("allows public addresses, and the listed ones only on the first hop", () => {
    const allow = feedAddressPolicy({ DYAD_FEED_ALLOW_ADDRESSES: " 127.0.0.1 ,10.0.0.5" })!;
    expect(allow("8.8.8.8", 3)).toBe(true);
    expect(allow("127.0.0.1", 0)).toBe(true);
    expect(allow("10.0.0.5", 0)).toBe(true);
    expect(allow("127.0.0.1", 1)).toBe(false);
    expect(allow("127.0.0.2", 0)).toBe(false);
    expect(allow("169.254.169.254", 0)).toBe(false);
    expect(feedAddressPolicy({})!("127.0.0.1", 0)).toBe(false);
  });
});
