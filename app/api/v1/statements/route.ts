import { NextResponse } from "next/server";
import { handleApiRoute } from "@/lib/auth/route";
import { parseSearchParams, statementFilterSchema } from "@/lib/dal/filters";
import { listStatements } from "@/lib/dal/statements";

export const dynamic = "force-dynamic";

/** Statements matching speaker, counterpart, theme, from, to; `page` and `pageSize` (at most 500) page through all of them. */
export async function GET(request: Request) {
  return handleApiRoute(request, async (ctx) => {
    const params = new URL(request.url).searchParams;
    const filter = parseSearchParams(statementFilterSchema, params);
    const page = Math.max(1, Number(params.get("page")) || 1);
    const pageSize = Math.min(500, Math.max(1, Number(params.get("pageSize")) || 100));
    return NextResponse.json({ filter, ...(await listStatements(ctx, filter, page, pageSize)) });
  });
}
