import Link from "next/link";
import { formatDate, formatTone } from "@/components/format";
import { Pager } from "@/components/pager";
import { ThemeChips } from "@/components/theme-chips";
import { requireSignedIn } from "@/lib/auth/session";
import { Refused } from "@/components/refused";
import { pageOrProblem, parseSearchParams, statementFilterSchema } from "@/lib/dal/filters";
import { listStatements } from "@/lib/dal/statements";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StatementsPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx } = await requireSignedIn("/statements");
  const params = await searchParams;
  const filter = parseSearchParams(statementFilterSchema, params);
  const { page, problem } = pageOrProblem(params.page);
  if (problem !== null) return <Refused title="Statements" problem={problem} back="/statements" />;
  const result = await listStatements(ctx, filter, page);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageLink = (n: number) => `/statements?${new URLSearchParams({ ...filter, page: String(n) })}`;
  const described = [
    filter.speaker && filter.counterpart ? `${filter.speaker} → ${filter.counterpart}` : filter.speaker,
    filter.theme,
  ].filter(Boolean);

  return (
    <>
      <h1>Statements{described.length > 0 && `: ${described.join(", ")}`}</h1>
      <p className="notice">{result.total} statements, newest first.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Title</th>
            <th scope="col">Speaker</th>
            <th scope="col">Themes</th>
            <th scope="col">Tone</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((s) => (
            <tr key={s.id}>
              <td>{formatDate(s.date, s.datePrecision)}</td>
              <td>
                <Link href={`/statements/${s.id}`}>{s.title}</Link>
              </td>
              <td>
                {s.speakerName ?? "—"} {s.speakerCountry && `(${s.speakerCountry})`}
              </td>
              <td>
                <ThemeChips themes={s.themes} />
              </td>
              <td>{formatTone(s.tone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} href={pageLink} labels={["← Newer", "Older →"]} />
    </>
  );
}
