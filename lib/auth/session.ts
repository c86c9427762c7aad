import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/db/client";
import { contextForToken } from "@/lib/dal/public/api-token";
import { currentActor, sessionYoungEnough, type Actor, type DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { roleHas, type Permission } from "@/lib/dal/permissions";

/**
 * The data-access context for this request: the database and whoever the session cookie says is signed in,
 * with the session version and sign-in time the DAL checks. A bearer token is ignored here: pages and server
 * actions act only for a signed-in person. A page render builds it once (React's cache: the layout and the page
 * share it, and the user is looked up once); server actions and route handlers, where React's cache does not
 * apply, build a fresh one per call.
 */
export const requestContext = cache(async (): Promise<DalContext> => {
  const { db } = await getDatabase();
  const claims = await sessionClaims();
  if (!claims) return { db, userId: null, requestMemo: {} };
  return { db, userId: claims.uid, auth: { kind: "session", version: claims.sv, signedInAt: claims.signedInAt }, requestMemo: {} };
});

interface SessionClaims {
  uid: number;
  sv: number;
  signedInAt: number;
}

/** next-auth's session cookie: __Secure- when the site is served over https (only a secure page can set that name). */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
const decodedCookies = new Map<string, { claims: SessionClaims; expires: number }>();
const DECODED_COOKIES_KEPT = 1000;

/**
 * What the session cookie says (lib/auth/options.ts writes it), as next-auth's getServerSession would give it,
 * without its key derivation, decryption and re-encryption on every request: a cookie is decrypted once and
 * its claims kept until the cookie expires (the claims inside a cookie never change; the DAL checks them
 * against the account on every request). A cookie that does not decrypt is not kept.
 */
async function sessionClaims(): Promise<SessionClaims | null> {
  const jar = await cookies();
  const name = SESSION_COOKIES.find((n) => jar.has(n) || jar.has(`${n}.0`));
  if (!name) return null;
  // next-auth splits a cookie over 4 kB into name.0, name.1, …
  const token =
    jar.get(name)?.value ??
    jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((c) => c.value)
      .join("");
  const now = Date.now();
  const kept = decodedCookies.get(token);
  if (kept && now < kept.expires) return sessionYoungEnough(kept.claims.signedInAt, now) ? kept.claims : null;
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  const jwt = await decode({ token, secret }).catch(() => null);
  if (!jwt || typeof jwt.uid !== "number" || typeof jwt.exp !== "number") return null;
  const claims = { uid: jwt.uid, sv: jwt.sv ?? -1, signedInAt: jwt.signedInAt ?? 0 };
  if (decodedCookies.size >= DECODED_COOKIES_KEPT) decodedCookies.delete(decodedCookies.keys().next().value!);
  decodedCookies.set(token, { claims, expires: jwt.exp * 1000 });
  return sessionYoungEnough(claims.signedInAt, now) ? claims : null;
}

/**
 * For the JSON API (/api/v1) only: the bearer of a personal API token, limited to its scopes, if the request
 * carries one; else the session as for any other request.
 */
export async function apiRequestContext(): Promise<DalContext> {
  const authorization = (await headers()).get("authorization");
  if (authorization?.startsWith("Bearer ")) {
    const { db } = await getDatabase();
    return contextForToken(db, authorization.slice("Bearer ".length).trim());
  }
  return requestContext();
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
