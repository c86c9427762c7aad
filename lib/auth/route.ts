import "server-only";
import { NextResponse } from "next/server";
import { DalError } from "@/lib/dal/errors";
import type { DalContext } from "@/lib/dal/context";
import { requestContext } from "./session";

/** Route handlers in one shape: context → DAL (which checks permission) → response; refusals as JSON with a status. */
export async function handleRoute(respond: (ctx: DalContext) => Promise<Response>): Promise<Response> {
  try {
    return await respond(await requestContext());
  } catch (error) {
    if (error instanceof DalError) return NextResponse.json({ error: error.message }, { status: error.status });
    console.error("route handler failed", error);
    return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
  }
}
