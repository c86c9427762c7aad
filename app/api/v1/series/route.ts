import { NextResponse } from "next/server";
import { handleApiRoute } from "@/lib/auth/route";
import { seriesQueryFromParams } from "@/lib/dal/api-query";
import { pairSeries } from "@/lib/dal/pair-series";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRoute(request, async (ctx) => {
    const query = seriesQueryFromParams(new URL(request.url).searchParams);
    return NextResponse.json({ query, ...(await pairSeries(ctx, query)) });
  });
}
