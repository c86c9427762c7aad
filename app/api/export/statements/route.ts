import { handleRoute } from "@/lib/auth/route";
import { exportStatements } from "@/lib/dal/exports";
import { parseSearchParams } from "@/app/_lib/search-params";
import { statementFilterSchema } from "@/lib/dal/filters";
import { statementsCsv } from "@/lib/export/report-csv";

export const dynamic = "force-dynamic";

/** The statements behind a dashboard chart as CSV, streamed: the same columns as a report's statements. */
export async function GET(request: Request) {
  return handleRoute(request, async (ctx) => {
    const filter = parseSearchParams(statementFilterSchema, new URL(request.url).searchParams);
    const body = statementsCsv(await exportStatements(ctx, filter));
    const name = ["dyad-statements", filter.speaker, filter.counterpart, filter.theme].filter(Boolean).join("-");
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
