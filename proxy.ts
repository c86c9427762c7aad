import { NextResponse, type NextRequest } from "next/server";
import { actionBodyProblem } from "@/lib/auth/action-body";
import { heldResponse } from "@/lib/auth/cached-response";
import { keptPage, keptPageRenderNonce } from "@/lib/auth/page-cache";
import { contextOfRequest } from "@/lib/auth/session-cookie";
import { DalError } from "@/lib/dal/errors";
import { databaseClosing } from "@/db/client";
import { formatBytes, LIMITS } from "@/lib/ingest/limits";

/**
 * A fresh nonce per request for a strict Content-Security-Policy: Next.js stamps it on its own scripts, so an
 * injected <script> without it never runs. A server-action post whose body cannot be decoded gets a 400 here
 * (Next would answer 500). A page kept whole between writes is answered from memory (lib/auth/page-cache.ts).
 * This is defence in depth only; authorization lives in lib/dal.
 */
export async function proxy(request: NextRequest) {
  // Stopping: requests already running finish (db/client.ts waits for their queries); new ones are told to retry.
  if (databaseClosing()) {
    return new NextResponse("The server is restarting; try again in a moment.", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "5" },
    });
  }
  // Next would cut a longer body at its proxyClientMaxBodySize (next.config.js) without a word: refuse it whole.
  if (Number(request.headers.get("content-length")) > LIMITS.requestBytes) {
    return new NextResponse(
      `The request is larger than ${formatBytes(LIMITS.requestBytes)}, the limit for one statement and its form; nothing was read.`,
      {
        status: 413,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    const problem = await actionBodyProblem(request);
    if (problem) return new NextResponse(problem, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  // A page to keep whole (lib/auth/page-cache.ts) is rendered with a placeholder, and each answer gets its own nonce.
  const placeholder = keptPageRenderNonce(request);
  const nonce = placeholder ?? Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  if (!placeholder) {
    const kept = (await heldApiAnswer(request)) ?? (await keptPage(request, nonce));
    if (kept) {
      kept.headers.set("Content-Security-Policy", policy);
      return kept;
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy); // Next reads the nonce from here for its own scripts
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/**
 * A held JSON API answer (or a 304), checked as the route handler checks it, without the route handler's own
 * cost; null leaves the request to the route handler: a miss, nobody signed in, a refusal, bad parameters.
 */
async function heldApiAnswer(request: NextRequest): Promise<Response | null> {
  if (request.method !== "GET" || !request.nextUrl.pathname.startsWith("/api/v1/")) return null;
  try {
    const ctx = await contextOfRequest(request, { tokens: true });
    if (ctx.userId === null) return null;
    return await heldResponse(ctx, request);
  } catch (error) {
    if (error instanceof DalError) return null;
    throw error;
  }
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts set inline style attributes, which a nonce cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// The bulk upload route is left out: it answers JSON (no nonce needed) and must get its body uncut and unbuffered.
export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|api/imports/upload).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
