import { handleRoute } from "@/lib/auth/route";
import { exportStatements } from "@/lib/dal/exports";
import { parseSearchParams, statementFilterSchema } from "@/lib/dal/filters";
import { toCsv } from "@/lib/export/csv";

export const dynamic = "force-dynamic";

const HEADER = ["id", "date", "date_precision", "title", "speaker_name", "speaker_title", "speaker_country", "counterparts", "themes", "tone", "source_url"];

export async function GET(request: Request) {
  return handleRoute(request, async (ctx) => {
    const filter = parseSearchParams(statementFilterSchema, new URL(request.url).searchParams);
    const rows = await exportStatements(ctx, filter);
    const csv = toCsv(
      HEADER,
      rows.map((r) => [r.id, r.date, r.datePrecision, r.title, r.speakerName, r.speakerTitle, r.speakerCountry, r.counterparts, r.themes, r.tone, r.sourceUrl]),
    );
    const name = ["dyad-statements", filter.speaker, filter.counterpart, filter.theme].filter(Boolean).join("-");
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
