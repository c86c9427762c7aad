import { NextResponse } from "next/server";
import { cachedResponse } from "@/lib/auth/cached-response";
import { handleRoute } from "@/lib/auth/route";
import { changesQueryFromParams } from "@/app/_lib/series-query";
import { describeChange, listChanges } from "@/lib/dal/changes";

export const dynamic = "force-dynamic";

/** What changed in the latest period, largest first: /api/v1/changes?pair=ARM>AZE&theme=nagorno-karabakh&interval=year */
export async function GET(request: Request) {
  return handleRoute(request, async (ctx) => {
    const query = changesQueryFromParams(new URL(request.url).searchParams);
    return cachedResponse(ctx, request, { permission: "series:read", kind: "changes", key: query }, async () => {
      const result = await listChanges(ctx, query);
      return NextResponse.json({ query, ...result, changes: result.changes.map((c) => ({ ...c, summary: describeChange(c) })) });
    });
  });
}
