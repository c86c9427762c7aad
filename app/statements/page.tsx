import Link from "next/link";
import { formatDate, formatTone } from "@/components/format";
import { Pager } from "@/components/pager";
import { LanguageField } from "@/components/filter-fields";
import { ThemeChips } from "@/components/theme-chips";
import { requireSignedIn } from "@/lib/auth/session";
import { Refused } from "@/components/refused";
import { languageName, pageOrProblem, statementFilterSchema } from "@/lib/dal/filters";
import { parseSearchParams } from "@/app/_lib/search-params";
import { languageNote } from "@/lib/engine/russian";
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
    filter.language && `in ${languageName(filter.language)}`,
  ].filter(Boolean);
  const kept = Object.entries(filter).filter(([key, value]) => key !== "language" && value);

  return (
    <>
      <h1>Statements{described.length > 0 && `: ${described.join(", ")}`}</h1>
      <form method="get" className="filters" aria-label="Filter statements">
        {kept.map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={String(value)} />
        ))}
        <LanguageField language={filter.language} />
        <button type="submit">Filter</button>
      </form>
      <p className="notice">{result.total} statements, newest first.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Title</th>
            <th scope="col">Speaker</th>
            <th scope="col">Language</th>
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
              <td>{languageName(s.language)}</td>
              <td>
                <ThemeChips themes={s.themes} />
              </td>
              {/* A language the engine does not read has no tone: said so, never shown as neutral. */}
              <td>{languageNote(s.language) ? <span title={languageNote(s.language)!}>not scored</span> : formatTone(s.tone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} href={pageLink} labels={["← Newer", "Older →"]} />
    </>
  );
}
