import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { feedItems, feedSources } from "@/db/schema";
import { pollFeed, feedAddressPolicy } from "@/lib/ingest/feed-fetch";
import type { FeedItem } from "@/lib/ingest/feed-parse";
import { LIMITS } from "@/lib/ingest/limits";
import { draftFromUrl } from "@/lib/ingest/url-fetch";
import { activeCodebook } from "./codebook";
import { scheduleJob } from "./job-queue";
import { writeStatement } from "./write-statement";
import { analyseOrRefuse, reasonFor } from "../imports";

type Source = typeof feedSources.$inferSelect;

/**
 * Items imported per job step: each is a page fetch (up to 15 s) and one statement transaction. No new item is
 * begun after STEP_MS, so a step ends well within the job's 60 s lease.
 */
const ITEMS_PER_STEP = 5;
const STEP_MS = 20_000;
/** An item whose page could not be imported is tried again at later polls, this many times in all. */
const ITEM_ATTEMPTS = 3;
/** However many polls in a row failed, a source is tried again at least once a day. */
const MAX_BACKOFF_MINUTES = 24 * 60;

export const pollJobKey = (sourceId: number) => `feed-poll:${sourceId}`;

/** Plans the source's next poll on the job runner (kind `feed-poll`), or brings a planned one forward. */
export function scheduleFeedPoll(db: Db, sourceId: number, at: Date = new Date()): Promise<void> {
  return scheduleJob(db, "feed-poll", { sourceId }, pollJobKey(sourceId), at);
}

/**
 * Plans a poll for every active source that has none queued or under way: at start-up, so a source whose chain
 * of polls was broken (its job failed for good, or the queue was restored from an older backup) is followed again.
 */
export async function ensureFeedPolls(db: Db): Promise<void> {
  await db.execute(sql`insert into jobs (kind, payload, dedupe_key, run_after)
    select 'feed-poll', jsonb_build_object('sourceId', s.id), 'feed-poll:' || s.id, s.next_poll_at from feed_sources s
    where not s.paused and not exists (select 1 from jobs j where j.dedupe_key = 'feed-poll:' || s.id and j.state in ('queued', 'running'))
    on conflict (dedupe_key) where state = 'queued' do nothing`);
}

/**
 * One step of a source's poll job. Items found earlier and not yet imported come first, a few per step; then,
 * when the source is due, its feed is fetched and its new items recorded; when neither is left, the next poll
 * is planned and the job ends. A paused or deleted source ends its job and plans none.
 */
export async function feedPollStep(db: Db, sourceId: number): Promise<boolean> {
  const [row] = await db
    .select({ source: feedSources, due: sql<boolean>`${feedSources.nextPollAt} <= now()` })
    .from(feedSources)
    .where(eq(feedSources.id, sourceId));
  if (!row || row.source.paused) return false;
  const { source, due } = row;
  const pending = await db
    .select()
    .from(feedItems)
    .where(and(eq(feedItems.sourceId, sourceId), eq(feedItems.state, "pending")))
    .orderBy(asc(feedItems.id))
    .limit(ITEMS_PER_STEP);
  if (pending.length > 0) {
    const codebook = await activeCodebook(db);
    const started = Date.now();
    for (const item of pending) {
      if (Date.now() - started > STEP_MS) break;
      await importItem(db, source, item, codebook);
    }
    return true;
  }
  if (due) {
    await pollSource(db, source);
    return true;
  }
  await scheduleFeedPoll(db, source.id, source.nextPollAt);
  return false;
}

/** Fetches the source and records what it lists that is new; an error is kept on the source and backs it off. */
async function pollSource(db: Db, source: Source): Promise<void> {
  const polled = { lastPolledAt: sql`now()`, lastPollImported: 0 };
  try {
    const result = await pollFeed(
      source.url,
      { etag: source.etag, lastModified: source.lastModified },
      { allowAddress: feedAddressPolicy() },
    );
    await db
      .update(feedItems)
      .set({ state: "pending" })
      .where(and(eq(feedItems.sourceId, source.id), eq(feedItems.state, "failed"), lt(feedItems.attempts, ITEM_ATTEMPTS)));
    const fresh = result.changed ? await recordNewItems(db, source.id, result.items) : 0;
    await db
      .update(feedSources)
      .set({
        ...polled,
        ...result.validators,
        ...(result.changed && { kind: result.kind }),
        lastResult: result.changed ? "new" : "unchanged",
        lastError: null,
        failures: 0,
        lastPollNew: fresh,
        nextPollAt: sql`now() + ${source.intervalMinutes} * interval '1 minute'`,
      })
      .where(eq(feedSources.id, source.id));
  } catch (error) {
    const failures = source.failures + 1;
    const waitMinutes = Math.min(source.intervalMinutes * 2 ** failures, MAX_BACKOFF_MINUTES);
    await db
      .update(feedSources)
      .set({
        ...polled,
        lastResult: "error",
        lastError: reasonFor(error),
        failures,
        lastPollNew: 0,
        nextPollAt: sql`now() + ${waitMinutes} * interval '1 minute'`,
      })
      .where(eq(feedSources.id, source.id));
  }
}

/**
 * Records the items not seen before (by guid, and by link), newest first and at most LIMITS.feedItemsPerPoll of
 * them: a first poll of a long sitemap is taken in portions, the rest at the next polls. Returns how many.
 */
async function recordNewItems(db: Db, sourceId: number, items: FeedItem[]): Promise<number> {
  const unique = new Map<string, FeedItem>();
  for (const item of items) if (!unique.has(item.key)) unique.set(item.key, item);
  const candidates = [...unique.values()];
  if (candidates.length === 0) return 0;
  const known = new Set<string>();
  for (let i = 0; i < candidates.length; i += 1000) {
    const slice = candidates.slice(i, i + 1000);
    const keys = slice.map((c) => c.key);
    const links = slice.map((c) => c.link);
    const rows = await db
      .select({ key: feedItems.key, link: feedItems.link })
      .from(feedItems)
      .where(and(eq(feedItems.sourceId, sourceId), or(inArray(feedItems.key, keys), inArray(feedItems.link, links))));
    for (const r of rows) known.add(r.key).add(r.link);
  }
  const fresh = candidates
    .filter((c) => !known.has(c.key) && !known.has(c.link))
    .sort((a, b) => (b.day ?? "").localeCompare(a.day ?? ""))
    .slice(0, LIMITS.feedItemsPerPoll);
  if (fresh.length === 0) return 0;
  const inserted = await db
    .insert(feedItems)
    .values(fresh.map((item) => ({ sourceId, key: item.key, link: item.link, title: item.title, day: item.day })))
    .onConflictDoNothing()
    .returning({ id: feedItems.id });
  return inserted.length;
}

/**
 * Imports one item the way a URL import does (fetch the page, read its text, analyse, save with its series
 * cells), with the feed's title, date and link and the source's speaker country and language. A text already
 * stored is a duplicate; a failure is kept on the item, which later polls try again.
 */
async function importItem(
  db: Db,
  source: Source,
  item: typeof feedItems.$inferSelect,
  codebook: Awaited<ReturnType<typeof activeCodebook>>,
): Promise<void> {
  try {
    const page = await draftFromUrl(item.link, { allowAddress: feedAddressPolicy() });
    const record = analyseOrRefuse(
      {
        ...page,
        title: item.title ?? page.title,
        date: item.day ?? page.date,
        datePrecision: item.day ? "day" : page.datePrecision,
        sourceUrl: item.link,
        speakerCountry: source.speakerCountry,
        language: source.language,
      },
      codebook,
    );
    // One transaction: a worker stopped halfway leaves the item pending, never a statement whose item says otherwise.
    await db.transaction(async (tx) => {
      const { id, duplicate } = await writeStatement(tx, record, source.createdBy);
      await tx
        .update(feedItems)
        .set({ state: duplicate ? "duplicate" : "imported", statementId: id, error: null, attempts: sql`${feedItems.attempts} + 1` })
        .where(eq(feedItems.id, item.id));
      if (!duplicate) {
        await tx
          .update(feedSources)
          .set({ itemsImported: sql`${feedSources.itemsImported} + 1`, lastPollImported: sql`${feedSources.lastPollImported} + 1` })
          .where(eq(feedSources.id, source.id));
      }
    });
  } catch (error) {
    await db
      .update(feedItems)
      .set({ state: "failed", error: reasonFor(error), attempts: sql`${feedItems.attempts} + 1` })
      .where(eq(feedItems.id, item.id));
  }
}
