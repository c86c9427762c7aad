import "server-only";
import { NextResponse } from "next/server";
import { DalError } from "@/lib/dal/errors";
import type { DalContext } from "@/lib/dal/context";
import { apiRequestContext, requestContext } from "./session";

type Respond = (ctx: DalContext) => Promise<Response>;

/**
 * Route handlers in one shape: refuse cross-site writes → context → DAL (which checks permission) →
 * response; refusals become JSON with a status, anything unexpected is logged and never shown. Only a signed-in
 * session counts here; see handleApiRoute for the JSON API.
 */
export function handleRoute(request: Request, respond: Respond): Promise<Response> {
  return handle(request, respond, requestContext);
}

/** The same for the JSON API (/api/v1): a personal API token counts too, within its scopes. */
export function handleApiRoute(request: Request, respond: Respond): Promise<Response> {
  return handle(request, respond, apiRequestContext);
}

async function handle(request: Request, respond: Respond, context: () => Promise<DalContext>): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD" && !sameOrigin(request)) {
    return NextResponse.json({ error: "Cross-site requests are refused." }, { status: 403 });
  }
  try {
    const ctx = await context();
    // Nobody signed in: say so before reading parameters, so validation messages tell a stranger nothing.
    // Permission itself is still checked by the DAL call inside `respond`.
    if (ctx.userId === null && ctx.auth?.kind === "token") {
      return NextResponse.json({ error: "This API token is unknown, revoked or expired." }, { status: 401 });
    }
    if (ctx.userId === null) return NextResponse.json({ error: "Please sign in to continue." }, { status: 401 });
    return await respond(ctx);
  } catch (error) {
    if (error instanceof DalError) return NextResponse.json({ error: error.message }, { status: error.status });
    console.error("route handler failed", error);
    return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
  }
}

/** A browser always sends Origin on a cross-site POST; tools with a bearer token may send none. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false;
  }
}
