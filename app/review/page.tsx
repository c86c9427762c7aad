import Link from "next/link";
import { DateRangeFields } from "@/components/filter-fields";
import { formatDate } from "@/components/format";
import { roleHas } from "@/lib/dal/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { listThemes } from "@/lib/dal/catalog";
import { Refused } from "@/components/refused";
import { valueOrProblem } from "@/lib/dal/errors";
import { pageOrProblem } from "@/lib/dal/filters";
import { readSearchParams } from "@/app/_lib/search-params";
import { queueFilterSchema, REVIEW_REASONS, reviewQueue } from "@/lib/dal/review";
import { QueueKeys } from "./queue-keys";
import { ThemeOptions } from "@/components/theme-options";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Reasons read as words; a reason the queue adds later reads as its slug without dashes ("no-date" → "no date"). */
const REASON_LABEL: Record<string, string> = {
  new: "new",
  retagged: "re-tagged",
  "low-confidence": "low confidence",
  disputed: "in dispute",
  "no-date": "no date",
  "no-speaker-country": "no speaker country",
  "no-counterpart": "no counterpart",
};
const reasonLabel = (reason: string) => REASON_LABEL[reason] ?? reason.replace(/-/g, " ");

export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx, actor } = await requireSignedIn("/review", "tags:write");
  const params = await searchParams;
  const { value: filter, problem } = await valueOrProblem(() => readSearchParams(queueFilterSchema, params));
  if (problem !== null) return <Refused title="Review queue" problem={`This filter cannot be used: ${problem}.`} back="/review" />;
  const paging = pageOrProblem(params.page);
  if (paging.problem !== null) return <Refused title="Review queue" problem={paging.problem} back="/review" />;
  const page = paging.page;
  const [queue, themes] = await Promise.all([reviewQueue(ctx, filter, page), listThemes(ctx)]);
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
  const pageLink = (n: number) => `/review?${new URLSearchParams({ ...Object.fromEntries(query), page: String(n) })}`;
  const pct = queue.progress.total === 0 ? 100 : Math.round((queue.progress.reviewed / queue.progress.total) * 100);

  return (
    <>
      <h1>Review queue</h1>
      <p className="notice">
        <Link href="/review/coding">My coding assignments</Link> · <Link href="/review/quality">Tagger quality</Link>
        {roleHas(actor.role, "codebook:manage") && (
          <>
            {" "}
            · <Link href="/review/agreement">Agreement between coders</Link>
          </>
        )}
      </p>
      <form className="filters" method="get" aria-label="Filter the queue">
        <label>
          Speaker
          <input name="speaker" defaultValue={filter.speaker ?? ""} placeholder="USA" size={5} />
        </label>
        <label>
          Counterpart
          <input name="counterpart" defaultValue={filter.counterpart ?? ""} placeholder="AZE" size={5} />
        </label>
        <label>
          Theme
          <select name="theme" defaultValue={filter.theme ?? ""}>
            <option value="">any</option>
            <ThemeOptions themes={themes} />
          </select>
        </label>
        <label>
          Source
          <input name="source" defaultValue={filter.source ?? ""} placeholder="state.gov" />
        </label>
        <DateRangeFields from={filter.from} to={filter.to} />
        <label>
          Why
          <select name="reason" defaultValue={filter.reason ?? ""}>
            <option value="">any reason</option>
            {REVIEW_REASONS.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p data-testid="progress">
        <progress max={queue.progress.total} value={queue.progress.reviewed} aria-label="Reviewed" /> {queue.progress.reviewed} of{" "}
        {queue.progress.total} reviewed ({pct}%) · {queue.waiting} waiting
      </p>
      <p className="kbd-hint">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> claim and open · <kbd>?</kbd> all keys in the reader
      </p>
      {queue.rows.length === 0 ? (
        <p>Nothing waits for review with these filters.</p>
      ) : (
        <QueueKeys ids={queue.rows.map((r) => r.id)} query={query.toString()}>
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">Statement</th>
                <th scope="col">Date</th>
                <th scope="col">Pair</th>
                <th scope="col">Why</th>
                <th scope="col">Open suggestions</th>
                <th scope="col">Held by</th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <tr key={r.id} data-statement-id={r.id} data-testid="queue-row">
                  <td>
                    <Link href={`/review/${r.id}?${query}`}>{r.title}</Link>
                  </td>
                  <td>{formatDate(r.date, "day")}</td>
                  <td>{r.pair ?? "—"}</td>
                  <td>
                    {r.reasons.map((reason) => (
                      <span key={reason} className={`reason ${reason}`}>
                        {reasonLabel(reason)}
                      </span>
                    ))}
                  </td>
                  <td>{r.suggestions}</td>
                  <td data-testid="holder">
                    {r.claim ? `${r.claim.mine ? "you" : r.claim.holder} until ${r.claim.expiresAt.toISOString().slice(11, 16)} UTC` : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </QueueKeys>
      )}
      <nav className="pager" aria-label="Pages">
        {page > 1 && <Link href={pageLink(page - 1)}>← Previous</Link>}
        {queue.rows.length === queue.pageSize && <Link href={pageLink(page + 1)}>Next →</Link>}
      </nav>
    </>
  );
}
