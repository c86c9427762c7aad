import { XMLParser, XMLValidator } from "fast-xml-parser";
import { isUsableDay } from "@/lib/engine/dates";
import { isHttpUrl } from "./draft";
import { IngestError } from "./errors";

/** One press release a feed or sitemap lists: its link, and what the listing says of it. */
export interface FeedItem {
  /** What identifies it across polls: the guid (Atom id) when there is one, else the link. */
  key: string;
  link: string;
  title: string | null;
  day: string | null;
}

export interface ParsedFeed {
  kind: "rss" | "atom" | "sitemap" | "sitemap-index";
  items: FeedItem[];
  /** The sitemaps a sitemap index lists (newest first where they say when they changed). */
  sitemaps: string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ["item", "entry", "url", "sitemap", "link"].includes(name),
});

/**
 * Reads an RSS 2.0 / RSS 1.0 / Atom feed, a sitemap or a sitemap index. Anything else (not XML, a web page, XML
 * of another kind) is refused with a sentence saying what it is; items without an http(s) link are left out.
 */
export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  const text = xml.replace(/^\uFEFF/, "").trimStart();
  if (text === "") throw new IngestError("empty", "The feed is empty.");
  if (/^<!doctype html|^<html[\s>]/i.test(text)) {
    throw new IngestError("wrong_type", "The address answered with a web page, not an RSS or Atom feed or a sitemap.");
  }
  // Feeds need no entity declarations of their own, and refusing them rules out entity-expansion bombs.
  if (/<!ENTITY/i.test(text)) throw new IngestError("malformed", "The feed declares its own XML entities, which Dyad does not read.");
  const valid = validate(text);
  if (valid !== true) {
    throw new IngestError("malformed", `The feed is not well-formed XML (line ${valid.line}, column ${valid.col}: ${valid.msg})`);
  }
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new IngestError("malformed", `The feed could not be read: ${(error as Error).message}`);
  }
  const rss = object(tree.rss);
  if (rss) return { kind: "rss", items: rssItems(list(object(rss.channel)?.item), baseUrl), sitemaps: [] };
  const rdf = object(tree.RDF);
  if (rdf) return { kind: "rss", items: rssItems(list(rdf.item), baseUrl), sitemaps: [] };
  const atom = object(tree.feed);
  if (atom) return { kind: "atom", items: atomItems(list(atom.entry), baseUrl), sitemaps: [] };
  const urlset = object(tree.urlset);
  if (urlset) return { kind: "sitemap", items: sitemapItems(list(urlset.url), baseUrl), sitemaps: [] };
  const index = object(tree.sitemapindex);
  if (index) {
    const sitemaps = sitemapItems(list(index.sitemap), baseUrl)
      .sort((a, b) => (b.day ?? "").localeCompare(a.day ?? ""))
      .map((s) => s.link);
    return { kind: "sitemap-index", items: [], sitemaps };
  }
  const root = Object.keys(tree).find((k) => !k.startsWith("?")) ?? "nothing";
  throw new IngestError("wrong_type", `This XML is not an RSS or Atom feed or a sitemap (its root element is <${root}>).`);
}

function validate(text: string): true | { line: number; col: number; msg: string } {
  try {
    const result = XMLValidator.validate(text);
    return result === true ? true : result.err;
  } catch (error) {
    return { line: 0, col: 0, msg: (error as Error).message };
  }
}

function rssItems(items: unknown[], base: string): FeedItem[] {
  return items.flatMap((raw) => {
    const item = object(raw);
    if (!item) return [];
    // An item may carry an atom:link (read as `link` too) beside its own: the first link with text, else an href.
    const links = list(item.link);
    const href = links.map((l) => textOf(object(l)?.["@_href"])).find(Boolean) ?? null;
    const link = absoluteLink(links.map((l) => (typeof l === "object" ? null : textOf(l))).find(Boolean) ?? href, base);
    const guid = textOf(item.guid);
    return link ? [{ key: guid ?? link, link, title: titleOf(item.title), day: feedDay(textOf(item.pubDate) ?? textOf(item.date)) }] : [];
  });
}

function atomItems(entries: unknown[], base: string): FeedItem[] {
  return entries.flatMap((raw) => {
    const entry = object(raw);
    if (!entry) return [];
    const links = list(entry.link).map(object);
    const alternate = links.find((l) => l && (l["@_rel"] === undefined || l["@_rel"] === "alternate")) ?? links[0];
    const link = absoluteLink(textOf(alternate?.["@_href"]), base);
    const day = feedDay(textOf(entry.published) ?? textOf(entry.updated));
    return link ? [{ key: textOf(entry.id) ?? link, link, title: titleOf(entry.title), day }] : [];
  });
}

function sitemapItems(urls: unknown[], base: string): FeedItem[] {
  return urls.flatMap((raw) => {
    const url = object(raw);
    const link = absoluteLink(textOf(url?.loc), base);
    return link ? [{ key: link, link, title: null, day: feedDay(textOf(url?.lastmod)) }] : [];
  });
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * The day a feed gives for an item, as the feed wrote it (its own time zone, so a release of 01:00 Moscow time
 * stays on its day): ISO 8601 (Atom, sitemaps, dc:date) or RFC 822 (RSS pubDate). Null for anything else and for
 * days outside the years Dyad charts.
 */
export function feedDay(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(text);
  let day: string | null = null;
  if (iso) day = `${iso[1]}-${iso[2]}-${iso[3]}`;
  else {
    const rfc = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})\b/.exec(text);
    const month = rfc ? MONTHS.indexOf(rfc[2]!.toLowerCase()) + 1 : 0;
    if (rfc && month > 0) day = `${rfc[3]}-${String(month).padStart(2, "0")}-${rfc[1]!.padStart(2, "0")}`;
  }
  return day && isUsableDay(day) ? day : null;
}

function absoluteLink(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const link = new URL(value, base).toString();
    return isHttpUrl(link) ? link : null;
  } catch {
    return null;
  }
}

/** A title as plain text: an Atom html title loses its tags; an empty one is none. */
function titleOf(value: unknown): string | null {
  const text = textOf(value)
    ?.replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text ? text.slice(0, 500) : null;
}

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  const node = object(value);
  return node ? textOf(node["#text"]) : null;
}

function object(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/**
 * A feed's bytes as text, in the encoding its XML declaration names (ministries still publish windows-1251 or
 * koi8-r); UTF-8 when it names none or one this runtime does not know.
 */
export function decodeFeed(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const label = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(label ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
