import { NextResponse } from "next/server";
import { getDatabase } from "@/db/client";
import { DalError } from "@/lib/dal/errors";
import { runJobsTick } from "@/lib/dal/public/jobs-tick";

export const dynamic = "force-dynamic";
/** A slice is 20 s; the function may live a little longer to hand its job back. */
export const maxDuration = 60;

/** One bounded slice of background work per call, for platforms without a long-lived process (Vercel Cron calls GET). */
async function tick(request: Request): Promise<Response> {
  try {
    const { db } = await getDatabase();
    return NextResponse.json(await runJobsTick(db, request.headers.get("authorization")));
  } catch (error) {
    if (error instanceof DalError) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const GET = tick;
export const POST = tick;
