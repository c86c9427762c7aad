import { NextResponse } from "next/server";
import { handleRoute } from "@/lib/auth/route";
import { resolveShortLink } from "@/lib/dal/short-links";

export const dynamic = "force-dynamic";

/** A short shareable address: /v/<code> opens the dashboard with the filters it stands for. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const signIn = new URL(`/signin?callbackUrl=${encodeURIComponent(`/v/${code}`)}`, request.url);
  const response = await handleRoute(request, async (ctx) =>
    NextResponse.redirect(new URL(`/dashboard?${await resolveShortLink(ctx, code)}`, request.url), 303),
  );
  // A person following a link is sent to sign in and back, not shown a JSON refusal.
  return response.status === 401 ? NextResponse.redirect(signIn, 303) : response;
}
