import { createHash } from "node:crypto";
import type { Permission } from "@/lib/dal/permissions";
import { requirePermission, type DalContext } from "@/lib/dal/context";
import { cachedAt, callerScope, heldAt, sharedDataVersion } from "@/lib/dal/read-cache";

interface StoredResponse {
  status: number;
  headers: [string, string][];
  /** Encoded once: a 30-year monthly series is ≈ 300 kB, and turning that string into bytes on every hit showed in profiles. */
  body: Uint8Array;
}

/**
 * A JSON API answer with a strong ETag made of the data version, the normalised request and what the caller
 * is allowed (role, token scopes): 304 to a matching If-None-Match, else the body from the read cache (built
 * once per version). The permission is checked first, so a 304 tells nobody more than a 200 would. The key
 * must follow from the request's address alone (never from the caller): the answer is held by its address too,
 * for the proxy (heldResponse).
 */
export async function cachedResponse(
  ctx: DalContext,
  request: Request,
  options: CachedAnswer,
  build: () => Promise<Response>,
): Promise<Response> {
  const version = await sharedDataVersion(ctx);
  const { headers, notModified } = await validate(ctx, request, options, version);
  if (notModified) return notModified;
  const stored = await cachedAt(ctx, version, `response:${options.kind}`, options.key, async (): Promise<StoredResponse> => {
    const response = await build();
    return { status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
  });
  // Its address is held too, for the proxy to find the stored answer without parsing the request (heldResponse).
  await cachedAt(ctx, version, "held", addressOf(request), async () => options);
  return answer(stored, headers);
}

/**
 * The same answer when a route handler gave it for this address at the current data version (for proxy.ts, in
 * front of the route handlers, whose own cost it saves): a 304 or the stored body, each after the same permission
 * check; else null, and the route handler answers.
 */
export async function heldResponse(ctx: DalContext, request: Request): Promise<Response | null> {
  const version = await sharedDataVersion(ctx);
  const held = heldAt<CachedAnswer>(ctx, version, "held", addressOf(request));
  if (!held) return null;
  const options = await held;
  const stored = heldAt<StoredResponse>(ctx, version, `response:${options.kind}`, options.key);
  if (!stored) return null; // dropped from the cache since
  const { headers, notModified } = await validate(ctx, request, options, version);
  return notModified ?? answer(await stored, headers);
}

function addressOf(request: Request): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}${url.search}`;
}

/** What identifies a cached JSON API answer: the permission it needs, its kind and its normalised request. */
export interface CachedAnswer {
  permission: Permission;
  kind: string;
  key: unknown;
  cacheControl?: string;
}

async function validate(ctx: DalContext, request: Request, options: CachedAnswer, version: bigint) {
  const actor = await requirePermission(ctx, options.permission);
  const etag = `"${createHash("sha256")
    .update(JSON.stringify([options.kind, String(version), options.key, callerScope(ctx, actor)]))
    .digest("base64url")}"`;
  const headers = { etag, "cache-control": options.cacheControl ?? "private, no-cache", vary: "authorization, cookie" };
  const notModified = matches(request.headers.get("if-none-match"), etag) ? new Response(null, { status: 304, headers }) : null;
  return { headers, notModified };
}

function answer(stored: StoredResponse, headers: Record<string, string>): Response {
  const out = new Headers(stored.headers);
  for (const [name, value] of Object.entries(headers)) out.set(name, value);
  return new Response(stored.body as Uint8Array<ArrayBuffer>, { status: stored.status, headers: out });
}

/** If-None-Match holds a list of validators, or `*`; a weak one (W/"…") matches its strong twin for GET. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
