import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor, type Actor, type DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { roleHas, type Permission } from "@/lib/dal/permissions";
import { contextOf } from "./session-cookie";

/**
 * The data-access context for this request: the database and whoever the session cookie says is signed in,
 * with the session version and sign-in time the DAL checks. A bearer token is ignored here: pages and server
 * actions act only for a signed-in person. A page render builds it once (React's cache: the layout and the page
 * share it, and the user is looked up once); server actions and route handlers, where React's cache does not
 * apply, build a fresh one per call.
 */
export const requestContext = cache(async (): Promise<DalContext> => contextOf(await cookies()));

/**
 * For the JSON API (/api/v1) only: the bearer of a personal API token, limited to its scopes, if the request
 * carries one; else the session as for any other request.
 */
export async function apiRequestContext(): Promise<DalContext> {
  return contextOf(await cookies(), (await headers()).get("authorization"));
}

/**
 * For pages: the signed-in, enabled user, or a redirect to sign in; with a permission, the 403 page
 * (app/forbidden.tsx) for a role without it. A convenience; the DAL checks again.
 */
export async function requireSignedIn(from: string, permission?: Permission): Promise<{ ctx: DalContext; actor: Actor }> {
  const ctx = await requestContext();
  const actor = await currentActor(ctx);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (permission && !roleHas(actor.role, permission)) forbidden();
  return { ctx, actor };
}

/** For pages: what the DAL found, or the 404 page when it says there is no such thing. */
export function orNotFound<T>(found: Promise<T>): Promise<T> {
  return found.catch((error: unknown) => {
    if (error instanceof DalError && error.code === "not_found") notFound();
    throw error;
  });
}
