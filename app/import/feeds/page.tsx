import Link from "next/link";
import { SourceButtons } from "./_components/source-buttons";
import { SubscribeForm } from "./_components/subscribe-form";
import { AutoRefresh } from "@/components/auto-refresh";
import { requireSignedIn } from "@/lib/auth/session";
import { listFeeds } from "@/lib/dal/feeds";

export const dynamic = "force-dynamic";

const when = (at: Date | null) => (at ? `${at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

// While a poll is due or items wait to be imported, the page looks again every few seconds: items show up as they arrive.
const AT_WORK_REFRESH_SECONDS = 3;
const REFRESH_SECONDS = 60;

const RESULT = { new: "read", unchanged: "unchanged (304)", error: "failed" } as const;

export default async function FeedsPage() {
  const { ctx } = await requireSignedIn("/import/feeds", "feeds:manage");
  const sources = await listFeeds(ctx);
  return (
    <>
      <h1>Followed sources</h1>
      <p className="notice">
        Follow a ministry&apos;s RSS or Atom feed, or its sitemap, and each new press release is imported like a{" "}
        <Link href="/import">URL import</Link>, with the feed&apos;s title, date and link. A source is polled on its schedule; after a
        failed poll it waits twice as long each time, up to a day. The page follows the polls by itself.
      </p>
      <AutoRefresh seconds={sources.some((s) => s.atWork) ? AT_WORK_REFRESH_SECONDS : REFRESH_SECONDS} />
      <SubscribeForm />
      {sources.length === 0 ? (
        <p>No sources followed yet.</p>
      ) : (
        <table aria-label="Followed sources">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Last poll</th>
              <th scope="col">Imported</th>
              <th scope="col">Last error</th>
              <th scope="col">Next poll</th>
              <th scope="col">Latest items</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} data-testid={`source-${s.id}`}>
                <td>
                  <a href={s.url} rel="noreferrer nofollow">
                    {s.url}
                  </a>
                  <br />
                  <small className="notice">
                    {s.kind ?? "not read yet"} · {s.speakerCountry} · {s.language} · every {s.intervalMinutes} min
                  </small>
                </td>
                <td data-testid="last-poll">
                  {when(s.lastPolledAt)}
                  {s.lastResult && <> · {RESULT[s.lastResult]}</>}
                  {s.lastResult === "new" && <> · {s.lastPollNew} new</>}
                </td>
                <td data-testid="imported">
                  {s.itemsImported} in all, {s.lastPollImported} in the last poll
                  {s.failedItems > 0 && <> · {s.failedItems} could not be imported</>}
                </td>
                <td data-testid="last-error">
                  {s.lastError ?? (s.lastItemError ? `An item: ${s.lastItemError}` : "—")}
                  {s.failures > 1 && <> ({s.failures} failures in a row)</>}
                </td>
                <td>{s.paused ? "paused" : when(s.nextPollAt)}</td>
                <td>
                  {s.recentItems.length === 0 ? (
                    "—"
                  ) : (
                    <ul data-testid="items">
                      {s.recentItems.map((item) => (
                        <li key={item.id}>
                          {item.statementId ? (
                            <Link href={`/statements/${item.statementId}`}>{item.title ?? item.link}</Link>
                          ) : (
                            (item.title ?? item.link)
                          )}{" "}
                          <small className="notice">
                            {item.day ?? "no date"} · {item.state}
                            {item.error && `: ${item.error}`}
                          </small>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <SourceButtons id={s.id} paused={s.paused} url={s.url} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
