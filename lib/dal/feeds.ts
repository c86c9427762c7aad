import { desc, eq, lte, sql } from "drizzle-orm";
import { countries, feedItems, feedSources } from "@/db/schema";
import type { Db } from "@/db/client";
import { sourceProblem } from "@/lib/ingest/draft";
import { IngestError } from "@/lib/ingest/errors";
import { vetFeedUrl } from "@/lib/ingest/feed-fetch";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { pollJobKey, scheduleFeedPoll } from "./internal/feed-poll";

export interface FeedSubscription {
  url: string;
  speakerCountry: string;
  language: string;
  intervalMinutes: number;
}

export const FEED_INTERVAL_MINUTES = { min: 5, max: 7 * 24 * 60, default: 60 } as const;

/** Follows a feed or sitemap: it is polled at once, then every `intervalMinutes`, by the job runner. */
export async function subscribeFeed(ctx: DalContext, input: FeedSubscription): Promise<{ id: number }> {
  const actor = await requirePermission(ctx, "feeds:manage");
  const url = input.url.trim();
  const problem = /^https?:\/\/\S+$/i.test(url) && !sourceProblem(url) ? null : `"${url.slice(0, 200)}" is not an http(s) web address.`;
  if (problem) throw new DalError("invalid", problem);
  if (input.intervalMinutes < FEED_INTERVAL_MINUTES.min || input.intervalMinutes > FEED_INTERVAL_MINUTES.max)
    throw new DalError("invalid", `A source is polled every ${FEED_INTERVAL_MINUTES.min} minutes at most often and once a week at least.`);
  const [country] = await ctx.db.select({ iso3: countries.iso3 }).from(countries).where(eq(countries.iso3, input.speakerCountry));
  if (!country) throw new DalError("invalid", `${input.speakerCountry} is not a country Dyad knows.`);
  await vetFeedUrl(url).catch((error: unknown) => {
    throw error instanceof IngestError ? new DalError("invalid", error.message) : error;
  });
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(feedSources)
      .values({ ...input, url, createdBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: feedSources.id });
    if (!row) throw new DalError("conflict", "That address is followed already.");
    await writeAudit(tx, {
      actorId: actor.id,
      action: "feed.subscribe",
      entityType: "feed_source",
      entityId: row.id,
      after: { ...input, url },
    });
    return row.id;
  });
  await scheduleFeedPoll(ctx.db, id);
  return { id };
}

const RECENT_ITEMS = 10;

/** Every followed source with its last poll, counts, error, next poll, whether work on it is due, and its latest items. */
export async function listFeeds(ctx: DalContext) {
  await requirePermission(ctx, "feeds:manage");
  const sources = await ctx.db
    .select({
      source: feedSources,
      failedItems: sql<number>`(select count(*) from feed_items i where i.source_id = ${feedSources.id} and i.state = 'failed')::int`,
      lastItemError: sql<
        string | null
      >`(select i.error from feed_items i where i.source_id = ${feedSources.id} and i.state = 'failed' order by i.id desc limit 1)`,
      atWork: sql<boolean>`not ${feedSources.paused} and (${feedSources.nextPollAt} <= now()
        or exists (select 1 from feed_items i where i.source_id = ${feedSources.id} and i.state = 'pending'))`,
    })
    .from(feedSources)
    .orderBy(feedSources.id);
  const ranked = ctx.db
    .select({
      id: feedItems.id,
      sourceId: feedItems.sourceId,
      link: feedItems.link,
      title: feedItems.title,
      day: feedItems.day,
      state: feedItems.state,
      error: feedItems.error,
      statementId: feedItems.statementId,
      rank: sql<number>`row_number() over (partition by ${feedItems.sourceId} order by ${feedItems.id} desc)`.as("rank"),
    })
    .from(feedItems)
    .as("ranked");
  const items = await ctx.db.select().from(ranked).where(lte(ranked.rank, RECENT_ITEMS)).orderBy(desc(ranked.id));
  return sources.map(({ source, failedItems, lastItemError, atWork }) => ({
    id: source.id,
    url: source.url,
    kind: source.kind,
    speakerCountry: source.speakerCountry,
    language: source.language,
    intervalMinutes: source.intervalMinutes,
    paused: source.paused,
    lastPolledAt: source.lastPolledAt,
    lastResult: source.lastResult,
    lastError: source.lastError,
    failures: source.failures,
    nextPollAt: source.paused ? null : source.nextPollAt,
    lastPollNew: source.lastPollNew,
    lastPollImported: source.lastPollImported,
    itemsImported: source.itemsImported,
    failedItems,
    lastItemError,
    /** A poll is due or items wait to be imported: the worker is about to change what is shown. */
    atWork,
    recentItems: items.filter((i) => i.sourceId === source.id),
  }));
}

/** The source, locked until the caller's transaction ends, so a pause, poll or delete acts on what it read. */
async function lockedSource(tx: Db, id: number) {
  const [source] = await tx.select().from(feedSources).where(eq(feedSources.id, id)).for("update");
  if (!source) throw new DalError("not_found", `There is no followed source ${id}.`);
  return source;
}

/** Polls a source as soon as a worker is free, whatever its schedule or backoff says. */
export async function pollFeedNow(ctx: DalContext, id: number): Promise<void> {
  await requirePermission(ctx, "feeds:manage");
  await ctx.db.transaction(async (tx) => {
    const source = await lockedSource(tx, id);
    if (source.paused) throw new DalError("invalid", "This source is paused: resume it to poll it.");
    await tx
      .update(feedSources)
      .set({ nextPollAt: sql`now()` })
      .where(eq(feedSources.id, id));
  });
  await scheduleFeedPoll(ctx.db, id);
}

/** Stops or resumes polling; a resumed source is polled at once. Items already imported stay. */
export async function setFeedPaused(ctx: DalContext, id: number, paused: boolean): Promise<void> {
  const actor = await requirePermission(ctx, "feeds:manage");
  await ctx.db.transaction(async (tx) => {
    const source = await lockedSource(tx, id);
    await tx
      .update(feedSources)
      .set({ paused, ...(!paused && { nextPollAt: sql`now()` }) })
      .where(eq(feedSources.id, id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: paused ? "feed.pause" : "feed.resume",
      entityType: "feed_source",
      entityId: id,
      before: { paused: source.paused },
      after: { paused },
    });
  });
  if (paused) await dropQueuedPoll(ctx, id);
  else await scheduleFeedPoll(ctx.db, id);
}

/** Stops following a source and forgets its item list; the statements it imported stay. */
export async function deleteFeed(ctx: DalContext, id: number): Promise<void> {
  const actor = await requirePermission(ctx, "feeds:manage");
  await ctx.db.transaction(async (tx) => {
    const source = await lockedSource(tx, id);
    await tx.delete(feedSources).where(eq(feedSources.id, id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: "feed.delete",
      entityType: "feed_source",
      entityId: id,
      before: { url: source.url, itemsImported: source.itemsImported },
    });
  });
  await dropQueuedPoll(ctx, id);
}

/** A queued poll of a paused or deleted source would only find that out and end: it is removed instead. */
async function dropQueuedPoll(ctx: DalContext, id: number): Promise<void> {
  await ctx.db.execute(sql`delete from jobs where dedupe_key = ${pollJobKey(id)} and state = 'queued'`);
}
