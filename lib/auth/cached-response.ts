import { createHash } from "node:crypto";
import type { Permission } from "@/lib/dal/permissions";
import { requirePermission, type DalContext } from "@/lib/dal/context";
import { cachedAt, callerScope, sharedDataVersion } from "@/lib/dal/read-cache";

interface StoredResponse {
  status: number;
  headers: [string, string][];
  /** Encoded once: a 30-year monthly series is ≈ 300 kB, and turning that string into bytes on every hit showed in profiles. */
  body: Uint8Array;
}

/**
 * A JSON API answer with a strong ETag made of the data version, the normalised request and what the caller
 * is allowed (role, token scopes): 304 to a matching If-None-Match, else the body from the read cache (built
 * once per version). The permission is checked first, so a 304 tells nobody more than a 200 would.
 */
export async function cachedResponse(
  ctx: DalContext,
  request: Request,
  options: { permission: Permission; kind: string; key: unknown; cacheControl?: string },
  build: () => Promise<Response>,
): Promise<Response> {
  const [actor, version] = await Promise.all([requirePermission(ctx, options.permission), sharedDataVersion(ctx)]);
  const etag = `"${createHash("sha256")
    .update(JSON.stringify([options.kind, String(version), options.key, callerScope(ctx, actor)]))
    .digest("base64url")}"`;
  const headers = { etag, "cache-control": options.cacheControl ?? "private, no-cache", vary: "authorization, cookie" };
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const stored = await cachedAt(ctx, version, `response:${options.kind}`, options.key, async (): Promise<StoredResponse> => {
    const response = await build();
    return { status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
  });
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
