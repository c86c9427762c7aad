import { NextResponse } from "next/server";
import { cachedResponse } from "@/lib/auth/cached-response";
import { handleApiRoute } from "@/lib/auth/route";
import { listPairs } from "@/lib/dal/catalog";

export const dynamic = "force-dynamic";

/** Country pairs with statements, busiest first (at most 400), with names and counts: the dashboard's suggestions. */
export async function GET(request: Request) {
  return handleApiRoute(request, (ctx) =>
    cachedResponse(
      ctx,
      request,
      { permission: "statements:read", kind: "pairs", key: null, cacheControl: "private, max-age=60" },
      async () => NextResponse.json({ pairs: await listPairs(ctx) }),
    ),
  );
}
