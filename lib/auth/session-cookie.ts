import { decode } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { getDatabase } from "@/db/client";
import { sessionYoungEnough, type DalContext } from "@/lib/dal/context";
import { contextForToken } from "@/lib/dal/public/api-token";

/** What a signed session cookie says: the account, its session version at sign-in, and when that was. */
interface SessionClaims {
  uid: number;
  sv: number;
  signedInAt: number;
}

/** The request's cookies, as next/headers' cookies() and a proxy's request.cookies both give them. */
interface CookieJar {
  has(name: string): boolean;
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
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
async function sessionClaims(jar: CookieJar): Promise<SessionClaims | null> {
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
 * The data-access context of a request: a bearer token's, when `authorization` carries one (only the JSON API
 * passes it), else the signed-in session's, with the session version and sign-in time the DAL checks.
 */
export async function contextOf(jar: CookieJar, authorization: string | null = null): Promise<DalContext> {
  const { db } = await getDatabase();
  if (authorization?.startsWith("Bearer ")) return contextForToken(db, authorization.slice("Bearer ".length).trim());
  const claims = await sessionClaims(jar);
  if (!claims) return { db, userId: null, requestMemo: {} };
  return { db, userId: claims.uid, auth: { kind: "session", version: claims.sv, signedInAt: claims.signedInAt }, requestMemo: {} };
}

/** The same as proxy.ts sees a request (next/headers does not reach there); `tokens` for the JSON API. */
export function contextOfRequest(request: NextRequest, { tokens = false } = {}): Promise<DalContext> {
  return contextOf(request.cookies, tokens ? request.headers.get("authorization") : null);
}
