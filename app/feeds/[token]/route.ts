import { getDatabase } from "@/db/client";
import { changesQueryOf, listChanges } from "@/lib/dal/changes";
import { DalError } from "@/lib/dal/errors";
import { viewForFeedToken } from "@/lib/dal/public/feed";
import { changesAtom } from "./changes-atom";

export const dynamic = "force-dynamic";

/**
 * A saved view's "what changed" as an Atom feed, for any feed reader. The secret token in the address is the
 * only credential (readers cannot sign in); it acts as the view's owner with their current role.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const text = (status: number, message: string) =>
    new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  try {
    const { db } = await getDatabase();
    const found = await viewForFeedToken(db, token);
    if (!found) return text(404, "There is no feed at this address (it may have been replaced).");
    const { changes } = await listChanges(found.ctx, changesQueryOf(found.view.filters, 20));
    const origin = new URL(request.url).origin;
    return new Response(changesAtom(found.view, changes, origin, `${origin}/feeds/${token}`), {
      headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "private, max-age=300" },
    });
  } catch (error) {
    if (error instanceof DalError) return text(error.status, error.message);
    console.error("feed failed", error);
    return text(500, "Something went wrong on our side.");
  }
}
