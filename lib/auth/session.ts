import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/db/client";
import { userIdForToken } from "@/lib/dal/api-tokens";
import { currentActor, type Actor, type DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { authOptions } from "./options";

/**
 * The data-access context for this request: the database and who is asking — the bearer of a personal API
 * token if the request carries one, else whoever the session cookie says is signed in. A page render builds it
 * once (React's cache: the layout and the page share it, and the user is looked up once); server actions and
 * route handlers, where React's cache does not apply, build a fresh one per call.
 */
export const requestContext = cache(async (): Promise<DalContext> => {
  const { db } = await getDatabase();
  const authorization = (await headers()).get("authorization");
  if (authorization?.startsWith("Bearer ")) {
    return { db, userId: await userIdForToken(db, authorization.slice("Bearer ".length).trim()), requestMemo: {} };
  }
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  return { db, userId: typeof userId === "number" && userId > 0 ? userId : null, requestMemo: {} };
});

/** For pages: the signed-in, enabled user, or a redirect to sign in. A convenience; the DAL checks again. */
export async function requireSignedIn(from: string): Promise<{ ctx: DalContext; actor: Actor }> {
  const ctx = await requestContext();
  const actor = await currentActor(ctx);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  return { ctx, actor };
}

/** For pages: what the DAL found, or the 404 page when it says there is no such thing. */
export function orNotFound<T>(found: Promise<T>): Promise<T> {
  return found.catch((error: unknown) => {
    if (error instanceof DalError && error.code === "not_found") notFound();
    throw error;
  });
}
