import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { parsesAsRedirect } from "@/lib/auth/safe-redirect";

const handler = NextAuth(authOptions);

/**
 * next-auth answers a callbackUrl it cannot parse (`http://localhost:3000.evil.test/` is not a URL) with a 500;
 * such a request is sent back to the same address with the dashboard as its callbackUrl. Any callbackUrl that
 * does parse goes through the redirect callback, which keeps only our own origin.
 */
async function guarded(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl !== null && !parsesAsRedirect(callbackUrl)) {
    const url = request.nextUrl.clone();
    url.searchParams.set("callbackUrl", "/dashboard");
    return NextResponse.redirect(url, 307);
  }
  return handler(request, context);
}

export { guarded as GET, guarded as POST };
