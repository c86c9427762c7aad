import { NextResponse } from "next/server";
import { handleApiRoute } from "@/lib/auth/route";
import { listPairs } from "@/lib/dal/catalog";

export const dynamic = "force-dynamic";

/** Country pairs with statements, busiest first (at most 400), with names and counts: the dashboard's suggestions. */
export async function GET(request: Request) {
  return handleApiRoute(request, async (ctx) => NextResponse.json({ pairs: await listPairs(ctx) }, { headers: { "Cache-Control": "private, max-age=60" } }));
}
