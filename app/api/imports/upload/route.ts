import { NextResponse } from "next/server";
import { handleRoute } from "@/lib/auth/route";
import { stageBulkUpload } from "@/lib/dal/bulk-uploads";

export const dynamic = "force-dynamic";

/** POST the raw file as the body with ?name=<file name>; returns an upload id, the columns, a guessed mapping and the first rows. */
export async function POST(request: Request) {
  return handleRoute(request, async (ctx) => {
    const name = new URL(request.url).searchParams.get("name")?.slice(0, 200) ?? "upload";
    return NextResponse.json(await stageBulkUpload(ctx, name, request.body));
  });
}
