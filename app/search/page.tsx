import Link from "next/link";
import { DateRangeFields } from "@/components/filter-fields";
import { formatDate } from "@/components/format";
import { Pager } from "@/components/pager";
import { requireSignedIn } from "@/lib/auth/session";
import { pageOrProblem, statementFilterSchema } from "@/lib/dal/filters";
import { parseSearchParams } from "@/app/_lib/search-params";
import { searchStatements } from "@/lib/dal/search";
import { Problem } from "@/components/problem";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { ctx } = await requireSignedIn("/search");
  const q = typeof params.q === "string" ? params.q.slice(0, 500) : "";
  const filter = parseSearchParams(statementFilterSchema, params);
  const paging = pageOrProblem(params.page);
  const page = paging.page ?? 1;
  const problem = paging.problem ?? (q.includes("\u0000") ? "The search text cannot contain NUL characters." : null);
  const result = q && problem === null ? await searchStatements(ctx, q, filter, page) : null;
  return (
    <>
      <h1>Search statements</h1>
      <form className="filters" method="get" role="search">
        <label>
          Words, &quot;a phrase&quot;, pipel* for every word that starts so (-word to leave out)
          <input name="q" defaultValue={q} size={40} />
        </label>
        <label>
          Speaker (ISO3)
          <input name="speaker" defaultValue={filter.speaker ?? ""} size={4} />
        </label>
        <label>
          Counterpart (ISO3)
          <input name="counterpart" defaultValue={filter.counterpart ?? ""} size={4} />
        </label>
        <label>
          Theme
          <input name="theme" defaultValue={filter.theme ?? ""} size={16} />
        </label>
        <DateRangeFields from={filter.from} to={filter.to} />
        <button type="submit">Search</button>
      </form>
      <Problem>{problem}</Problem>
      {result && (
        <>
          <p className="notice">{result.total} statements match.</p>
          <ol start={(page - 1) * result.pageSize + 1}>
            {result.rows.map((r) => (
              <li key={r.id} style={{ marginBottom: "0.75rem" }}>
                <Link href={`/statements/${r.id}`}>{r.title}</Link>{" "}
                <span className="notice">
                  {formatDate(r.date, r.datePrecision)} · {r.speakerCountry}
                </span>
                <br />
                <Snippet text={r.snippet} />
              </li>
            ))}
          </ol>
          <Pager
            page={page}
            pages={Math.max(1, Math.ceil(result.total / result.pageSize))}
            href={(n) => `/search?${new URLSearchParams({ ...filter, q, page: String(n) })}`}
          />
        </>
      )}
    </>
  );
}

/** Postgres marks the matches with « »; they become <mark>, and everything else stays text. */
function Snippet({ text }: { text: string }) {
  return <span>{text.split(/(«[^»]*»)/).map((part, i) => (part.startsWith("«") ? <mark key={i}>{part.slice(1, -1)}</mark> : part))}</span>;
}
