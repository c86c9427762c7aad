import { decodeFeed, parseFeed, type FeedItem, type ParsedFeed } from "./feed-parse";
import { LIMITS } from "./limits";
import { fetchUrl, isPublicAddress, vetUrl, type FetchOptions } from "./url-fetch";

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedPoll =
  { changed: false; validators: Validators } | { changed: true; kind: ParsedFeed["kind"]; items: FeedItem[]; validators: Validators };

const SITEMAPS_WITHIN_MS = 30_000;

const ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

/**
 * Fetches a feed or sitemap through the SSRF-safe fetcher with a conditional GET (nothing is parsed when the
 * server says it has not changed) and reads it; a sitemap index is followed one level, its newest sitemaps first.
 */
export async function pollFeed(url: string, previous: Validators, options: FetchOptions = {}): Promise<FeedPoll> {
  const started = Date.now();
  const conditional: Record<string, string> = { accept: ACCEPT };
  if (previous.etag) conditional["if-none-match"] = previous.etag;
  if (previous.lastModified) conditional["if-modified-since"] = previous.lastModified;
  const fetched = await fetchUrl(url, { maxBytes: LIMITS.feedBytes, ...options, headers: conditional });
  const validators = { etag: fetched.etag ?? previous.etag, lastModified: fetched.lastModified ?? previous.lastModified };
  if (fetched.status === 304) return { changed: false, validators };
  const feed = parseFeed(decodeFeed(fetched.body), fetched.finalUrl);
  if (feed.kind !== "sitemap-index") return { changed: true, kind: feed.kind, items: feed.items, validators };
  const items: FeedItem[] = [];
  for (const sitemap of feed.sitemaps.slice(0, LIMITS.feedSitemaps)) {
    // A poll runs under a job lease (60 s): the sitemaps not read in time wait for the next poll.
    if (Date.now() - started > SITEMAPS_WITHIN_MS) break;
    const child = await fetchUrl(sitemap, { maxBytes: LIMITS.feedBytes, ...options, headers: { accept: ACCEPT } });
    const parsed = parseFeed(decodeFeed(child.body), child.finalUrl);
    if (parsed.kind === "sitemap") items.push(...parsed.items);
  }
  return { changed: true, kind: feed.kind, items, validators };
}

/**
 * Which addresses a followed source and its items may be fetched from: public ones, and on the first hop only
 * the exact addresses DYAD_FEED_ALLOW_ADDRESSES lists (comma-separated: a feed on an intranet host, or a test's
 * loopback server). A redirect is always judged by the public-address rule alone.
 */
export function feedAddressPolicy(env: Record<string, string | undefined> = process.env): FetchOptions["allowAddress"] {
  const listed = new Set(
    (env.DYAD_FEED_ALLOW_ADDRESSES ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  );
  return (address, hop) => isPublicAddress(address) || (hop === 0 && listed.has(address));
}

/** Refuses a source's address at once when its first poll could only be refused (see feedAddressPolicy). */
export function vetFeedUrl(url: string, env: Record<string, string | undefined> = process.env): Promise<void> {
  const allow = feedAddressPolicy(env)!;
  return vetUrl(url, (address) => allow(address, 0));
}
