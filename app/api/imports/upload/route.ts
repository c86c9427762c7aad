import { NextResponse } from "next/server";
import { handleRoute } from "@/lib/auth/route";
import { stageBulkUpload } from "@/lib/dal/bulk-uploads";

export const dynamic = "force-dynamic";

/**
 * POST the raw file as the body with ?name=<file name>; returns an upload id, the columns, a guessed mapping and
 * the first rows. proxy.ts does not run here (its matcher leaves this path out), so Next never buffers or cuts
 * the body: it streams to the DAL, which refuses it past the limit or short of its Content-Length.
 */
export async function POST(request: Request) {
  return handleRoute(request, async (ctx) => {
    const name = new URL(request.url).searchParams.get("name")?.slice(0, 200) ?? "upload";
    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    return NextResponse.json(await stageBulkUpload(ctx, name, request.body, Number.isSafeInteger(declared) ? declared : null));
  });
}
