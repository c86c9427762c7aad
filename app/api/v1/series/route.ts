import { cachedResponse } from "@/lib/auth/cached-response";
import { handleApiRoute } from "@/lib/auth/route";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import { pairSeries } from "@/lib/dal/pair-series";
import { seriesResponse } from "./respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRoute(request, async (ctx) => {
    const params = new URL(request.url).searchParams;
    const query = seriesQueryFromParams(params);
    const format = params.get("format") === "csv" ? "csv" : "json";
    return cachedResponse(ctx, request, { permission: "series:read", kind: "series", key: { query, format } }, async () =>
      seriesResponse(query, await pairSeries(ctx, query), format),
    );
  });
}
