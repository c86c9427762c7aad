import { NextResponse } from "next/server";
import { z } from "zod";
import { cachedResponse } from "@/lib/auth/cached-response";
import { handleApiRoute } from "@/lib/auth/route";
import { parseSearchParams, readSearchParams } from "@/app/_lib/search-params";
import { statementFilterSchema } from "@/lib/dal/filters";
import { pageNumberSchema } from "@/lib/validation";
import { listStatements } from "@/lib/dal/statements";

export const dynamic = "force-dynamic";

const PAGING = z.object({
  page: pageNumberSchema.default(1),
  pageSize: z.coerce
    .number()
    .int("pageSize is a whole number")
    .min(1, "pageSize is at least 1")
    .max(500, "pageSize is at most 500")
    .default(100),
});

/** Statements matching speaker, counterpart, theme, from, to; `page` and `pageSize` (at most 500) page through all of them. */
export async function GET(request: Request) {
  return handleApiRoute(request, async (ctx) => {
    const params = new URL(request.url).searchParams;
    const filter = parseSearchParams(statementFilterSchema, params);
    const { page, pageSize } = readSearchParams(PAGING, params);
    return cachedResponse(ctx, request, { permission: "statements:read", kind: "statements", key: { filter, page, pageSize } }, async () =>
      NextResponse.json({ filter, ...(await listStatements(ctx, filter, page, pageSize)) }),
    );
  });
}
