import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import { currentActor } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { pageStamp } from "@/lib/dal/page-state";
import { cacheEnabled, cachedAt } from "@/lib/dal/read-cache";
import { contextOfRequest } from "./session-cookie";

/**
 * Whole pages served from memory between writes (decision 0013, "Whole pages"), for proxy.ts. Rendering the
 * dashboard costs tens of milliseconds of CPU even when every part of it comes from the read cache; a kept page
 * costs a lookup. A page is kept per viewer and address at a page stamp (lib/dal/page-state.ts: the data version,
 * the viewer's name, role and saved views, the re-score's progress), read on every request after the session is
 * checked against the account, so nobody is served a page made for someone else, a disabled account gets none,
 * and a role change shows at the next request. A page kept here may therefore depend on nothing else: not on
 * other request headers, not on the time.
 *
 * A miss asks this same server for the page (DYAD_SELF_ORIGIN, set by `npm start`), marked with a secret of
 * this process: the proxy lets that request through and has it rendered with a placeholder nonce instead of a
 * fresh one; the proxy of the request being answered puts its own fresh nonce where the placeholder stands.
 * Concurrent misses for one page share one render. Without DYAD_SELF_ORIGIN, or with DYAD_CACHE=off, pages are
 * rendered per request as before.
 */

/** Pages kept whole: those whose render depends only on their address, the viewer and the page stamp. */
const KEPT_PAGES = new Set(["/dashboard"]);
const MARKER_HEADER = "x-dyad-page-render";
/** Response headers that belong to one answer and are not replayed: the policy carries each answer's own nonce. */
const NOT_REPLAYED = new Set([
  "content-security-policy",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "set-cookie",
  "etag",
]);

interface KeptPage {
  status: number;
  headers: [string, string][];
  /** The page's bytes cut where the placeholder nonce stood. */
  parts: Uint8Array[];
}

/** A render that is answered but not kept (a redirect, an error, an error inside the streamed page). */
class NotKept extends Error {
  constructor(readonly page: KeptPage) {
    super("page not kept");
  }
}

// Process-wide, like the database: Next bundles the proxy apart from the pages.
const processWide = globalThis as typeof globalThis & { __dyadPageRender?: { marker: string; placeholder: string } };
function secrets() {
  processWide.__dyadPageRender ??= {
    marker: randomBytes(32).toString("base64url"),
    placeholder: Buffer.from(randomUUID()).toString("base64"),
  };
  return processWide.__dyadPageRender;
}

/**
 * For this server's own request for a page to keep: the placeholder nonce to render it with. Null for every
 * other request (a marker that is absent or wrong gives nothing, however it was sent).
 */
export function keptPageRenderNonce(request: Request): string | null {
  const sent = request.headers.get(MARKER_HEADER);
  if (!sent) return null;
  const { marker, placeholder } = secrets();
  const a = Buffer.from(sent);
  const b = Buffer.from(marker);
  return a.length === b.length && timingSafeEqual(a, b) ? placeholder : null;
}

/** The page as kept for this viewer and the current stamp, with `nonce` in it; null when it is not one to keep. */
export async function keptPage(request: NextRequest, nonce: string): Promise<Response | null> {
  const origin = process.env.DYAD_SELF_ORIGIN;
  if (!origin || !cacheEnabled() || request.method !== "GET" || !KEPT_PAGES.has(request.nextUrl.pathname)) return null;
  // A navigation inside the app asks for the React payload instead of HTML; that is rendered per request.
  if (request.headers.has("rsc") || request.headers.has("next-router-state-tree") || request.nextUrl.searchParams.has("_rsc")) return null;
  const ctx = await contextOfRequest(request);
  // Nobody signed in, or an account that may no longer: the page itself sends them to sign in.
  if (ctx.userId === null || !(await currentActor(ctx))) return null;
  let page: KeptPage;
  try {
    const { version, viewer } = await pageStamp(ctx);
    const key = { path: request.nextUrl.pathname, search: request.nextUrl.search, viewer };
    page = await cachedAt(ctx, version, "page", key, () => render(new URL(key.path + key.search, origin), request));
  } catch (error) {
    if (error instanceof NotKept) page = error.page;
    else if (error instanceof DalError)
      return null; // the page says it in its own words
    else {
      console.error("kept page: rendering through this server failed; rendering in place", error);
      return null;
    }
  }
  const { placeholder } = secrets();
  const headers = page.headers.map(([name, value]): [string, string] => [name, value.replaceAll(placeholder, nonce)]); // Link: preloads
  return new Response(withNonce(page.parts, nonce) as Uint8Array<ArrayBuffer>, { status: page.status, headers });
}

async function render(url: URL, request: NextRequest): Promise<KeptPage> {
  const { marker, placeholder } = secrets();
  const response = await fetch(url, {
    headers: { cookie: request.headers.get("cookie") ?? "", accept: "text/html", "accept-encoding": "identity", [MARKER_HEADER]: marker },
    redirect: "manual",
    cache: "no-store",
  });
  const html = Buffer.from(await response.arrayBuffer());
  const page: KeptPage = {
    status: response.status,
    headers: [...response.headers].filter(([name]) => !NOT_REPLAYED.has(name.toLowerCase())),
    parts: cutAt(html, Buffer.from(placeholder)),
  };
  // React marks a part of a streamed page that failed on the server with its error's digest (a part drawn only in
  // the browser is marked too, with an empty one).
  const whole =
    response.status === 200 && response.headers.get("content-type")?.startsWith("text/html") && !/data-dgst="[^"]/.test(html.toString());
  if (!whole) throw new NotKept(page);
  return page;
}

function cutAt(bytes: Buffer, separator: Buffer): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let at = bytes.indexOf(separator); at !== -1; at = bytes.indexOf(separator, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

function withNonce(parts: Uint8Array[], nonce: string): Buffer {
  const fill = Buffer.from(nonce);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [fill, part])));
}
