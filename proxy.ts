import { NextResponse, type NextRequest } from "next/server";
import { actionBodyProblem } from "@/lib/auth/action-body";
import { formatBytes, LIMITS } from "@/lib/ingest/limits";

/**
 * A fresh nonce per request for a strict Content-Security-Policy: Next.js stamps it on its own scripts, so an
 * injected <script> without it never runs. A server-action post whose body cannot be decoded gets a 400 here
 * (Next would answer 500). This is defence in depth only; authorization lives in lib/dal.
 */
export async function proxy(request: NextRequest) {
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
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy); // Next reads the nonce from here for its own scripts
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
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
