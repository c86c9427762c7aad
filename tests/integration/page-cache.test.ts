import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { cachedResponse, heldResponse } from "@/lib/auth/cached-response";
import { keptPage, keptPageRenderNonce } from "@/lib/auth/page-cache";
import { contextOfRequest } from "@/lib/auth/session-cookie";
import { createApiToken } from "@/lib/dal/api-tokens";
import { currentActor, type DalContext } from "@/lib/dal/context";
import { addEvent } from "@/lib/dal/events";
import { deleteView, saveView } from "@/lib/dal/saved-views";
import { seedDatabase } from "@/lib/boot/seed";
import { createPeople, type Person } from "../support/fixtures";

/**
 * Whole pages kept per viewer (lib/auth/page-cache.ts) and JSON answers the proxy gives from what a route handler
 * stored (lib/auth/cached-response.ts), through the process-wide database as the proxy reaches it. A small HTTP
 * server stands in for this server's own render: it names the viewer its cookie says, stamps the nonce its proxy
 * would give, and counts how often it was asked.
 */
const SECRET = "page-cache-test-secret";
const dir = mkdtempSync(path.join(tmpdir(), "dyad-page-cache-"));
const env = { ...process.env };
let database: Database;
let people: Record<Person, DalContext>;
let origin: Server;
let renders = 0;
let failing = false;

async function cookieOf(person: Person): Promise<string> {
  const [row] = await database.db.select().from(users).where(eq(users.id, people[person].userId!));
  const token = await encode({
    token: { uid: row!.id, sv: row!.sessionVersion, signedInAt: Math.floor(Date.now() / 1000) },
    secret: SECRET,
  });
  return `next-auth.session-token=${token}`;
}

function request(url: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(new URL(url, "http://dyad.test"), { headers });
}

/** The page as a person gets it through the proxy: body and the nonce it was given, or null when not kept. */
async function page(cookie: string, url = "/dashboard?pair=ARM>AZE") {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const response = await keptPage(request(url, { cookie }), nonce);
  if (!response) return null;
  return { status: response.status, body: await response.text(), link: response.headers.get("link"), nonce };
}

beforeAll(async () => {
  process.env.PGLITE_DIR = dir;
  process.env.NEXTAUTH_SECRET = SECRET;
  delete process.env.DATABASE_URL;
  delete process.env.DYAD_CACHE;
  const { getDatabase } = await import("@/db/client");
  database = await getDatabase();
  await migrateDatabase(database);
  await seedDatabase(database.db, { demoAccounts: false, demoCorpus: false });
  people = await createPeople(database.db);
  origin = createServer(async (req, res) => {
    renders++;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const nonce = keptPageRenderNonce(new Request("http://dyad.test/", { headers })) ?? "no-placeholder";
    const actor = await currentActor(await contextOfRequest(request(req.url!, headers)));
    if (!actor) {
      res.writeHead(307, { location: "/signin" }).end();
      return;
    }
    if (failing) {
      res.writeHead(500, { "content-type": "text/html" }).end("<p>Something went wrong</p>");
      return;
    }
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8", link: `</a.css>; rel=preload; nonce="${nonce}"` })
      .end(`<html><script nonce="${nonce}">go()</script><p class="who">${actor.name} · ${actor.role}</p><p>${req.url}</p></html>`);
  });
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  process.env.DYAD_SELF_ORIGIN = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});

afterAll(async () => {
  origin?.close();
  const { closeDatabase } = await import("@/db/client");
  await closeDatabase();
  process.env = env;
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  failing = false;
});

describe("whole pages kept per viewer", () => {
  it("renders a page once per viewer and address, and gives every answer its own nonce", async () => {
    const cookie = await cookieOf("analyst");
    const before = renders;
    const first = (await page(cookie))!;
    const second = (await page(cookie))!;
    expect(renders).toBe(before + 1);
    expect(first.status).toBe(200);
    expect(first.body).toContain(`<script nonce="${first.nonce}">`);
    expect(second.body).toContain(`<script nonce="${second.nonce}">`);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.body.replaceAll(second.nonce, "N")).toBe(first.body.replaceAll(first.nonce, "N"));
    expect(second.link).toBe(`</a.css>; rel=preload; nonce="${second.nonce}"`);
    // The placeholder the page was rendered with never leaves the server.
    expect(second.body).not.toContain("no-placeholder");
    expect(second.body.match(/nonce="([^"]+)"/g)).toEqual([`nonce="${second.nonce}"`]);

    await page(cookie, "/dashboard?pair=USA>AZE");
    expect(renders).toBe(before + 2);
  });

  it("never gives one viewer's page to another, nor any page to a disabled, signed-out or forged session", async () => {
    const analyst = (await page(await cookieOf("analyst")))!;
    const manager = (await page(await cookieOf("manager")))!;
    expect(analyst.body).toContain("analyst · analyst");
    expect(manager.body).toContain("manager · manager");
    expect(manager.body).not.toContain("analyst");
    expect(await page(await cookieOf("disabled"))).toBeNull();
    expect(await page("")).toBeNull();
    expect(await page("next-auth.session-token=forged")).toBeNull();
    // A session ended elsewhere (the account's session version moved on) gets nothing from the next request.
    const staff = await cookieOf("staff");
    expect((await page(staff))!.body).toContain("staff · staff");
    await database.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, people.staff.userId!));
    expect(await page(staff)).toBeNull();
  });

  it("renders afresh after a write, a change to the viewer's saved views, their name or their role", async () => {
    const analyst = await cookieOf("analyst");
    const manager = await cookieOf("manager");
    await page(analyst);
    await page(manager);
    let before = renders;
    await page(analyst);
    expect(renders).toBe(before);

    await addEvent(people.manager, { day: "2016-01-01", label: "Talks", countryA: "ARM", countryB: "AZE" });
    await page(analyst);
    expect(renders).toBe(before + 1);
    await page(manager);
    expect(renders).toBe(before + 2);

    // The analyst's own views: their page is made again, the manager's kept one still serves.
    before = renders;
    const filters = { pairs: [{ speaker: "ARM", counterpart: "AZE" }], themes: ["democracy"] };
    const mine = await saveView(people.analyst, { name: "Mine", filters });
    await page(analyst);
    await page(manager);
    expect(renders).toBe(before + 1);
    await saveView(people.analyst, { name: "Other", filters });
    await page(analyst);
    await deleteView(people.analyst, mine.id); // one view again, but not the same one
    await page(analyst);
    expect(renders).toBe(before + 3);

    await database.db.update(users).set({ role: "staff", name: "Ana" }).where(eq(users.id, people.analyst.userId!));
    expect((await page(analyst))!.body).toContain("Ana · staff");
    await database.db.update(users).set({ role: "analyst", name: "analyst" }).where(eq(users.id, people.analyst.userId!));
    expect((await page(analyst))!.body).toContain("analyst · analyst");
  });

  it("shares one render among requests that miss together", async () => {
    const cookie = await cookieOf("admin");
    const before = renders;
    const answers = await Promise.all(Array.from({ length: 5 }, () => page(cookie, "/dashboard?pair=ARM>AZE&interval=month")));
    expect(renders).toBe(before + 1);
    for (const answer of answers) expect(answer!.body).toContain(`nonce="${answer!.nonce}"`);
  });

  it("answers a failed render without keeping it", async () => {
    const cookie = await cookieOf("analyst");
    failing = true;
    const before = renders;
    expect((await page(cookie, "/dashboard?pair=GEO>RUS"))!.status).toBe(500);
    failing = false;
    expect((await page(cookie, "/dashboard?pair=GEO>RUS"))!.status).toBe(200);
    expect(renders).toBe(before + 2);
  });

  it("keeps nothing for other pages, the app's own navigations, other methods, or with the cache off", async () => {
    const cookie = await cookieOf("analyst");
    expect(await keptPage(request("/statements", { cookie }), "n")).toBeNull();
    expect(await keptPage(request("/dashboard", { cookie, rsc: "1" }), "n")).toBeNull();
    expect(await keptPage(request("/dashboard?_rsc=abc", { cookie }), "n")).toBeNull();
    expect(await keptPage(new NextRequest("http://dyad.test/dashboard", { method: "POST", headers: { cookie } }), "n")).toBeNull();
    process.env.DYAD_CACHE = "off";
    try {
      expect(await keptPage(request("/dashboard", { cookie }), "n")).toBeNull();
    } finally {
      delete process.env.DYAD_CACHE;
    }
  });

  it("gives the placeholder only to a request carrying this process's secret", () => {
    expect(keptPageRenderNonce(new Request("http://dyad.test/dashboard"))).toBeNull();
    expect(keptPageRenderNonce(new Request("http://dyad.test/dashboard", { headers: { "x-dyad-page-render": "guess" } }))).toBeNull();
  });
});

describe("JSON answers held for the proxy", () => {
  const URL_ = "http://dyad.test/api/v1/series?pair=ARM>AZE&theme=democracy";
  const respond = (ctx: DalContext, headers: Record<string, string> = {}) =>
    cachedResponse(ctx, new Request(URL_, { headers }), { permission: "series:read", kind: "series", key: { q: "ARM>AZE" } }, async () =>
      Response.json({ answer: "for every reader" }),
    );

  it("answers what a route handler stored for the address, each caller with their own validator", async () => {
    expect(await heldResponse(people.analyst, new Request(`${URL_}&interval=week`))).toBeNull();
    const stored = await respond(people.analyst);
    const held = (await heldResponse(people.analyst, new Request(URL_)))!;
    expect(held.status).toBe(200);
    expect(held.headers.get("etag")).toBe(stored.headers.get("etag"));
    expect(await held.json()).toEqual({ answer: "for every reader" });
    const again = (await heldResponse(people.analyst, new Request(URL_, { headers: { "if-none-match": held.headers.get("etag")! } })))!;
    expect(again.status).toBe(304);

    const staff = (await heldResponse(people.staff, new Request(URL_)))!;
    expect(staff.headers.get("etag")).not.toBe(held.headers.get("etag"));
    const reader = await contextOfRequest(
      request(URL_, { authorization: `Bearer ${(await createApiToken(people.analyst, { name: "r", scopes: ["read"] })).token}` }),
      { tokens: true },
    );
    expect((await heldResponse(reader, new Request(URL_)))!.status).toBe(200);
  });

  it("checks the caller first, and holds nothing past a write", async () => {
    await respond(people.analyst);
    const writeOnly: DalContext = { ...people.analyst, auth: { kind: "token", scopes: ["write"] } };
    await expect(heldResponse(writeOnly, new Request(URL_))).rejects.toMatchObject({ code: "forbidden" });
    await expect(heldResponse(people.disabled, new Request(URL_, { headers: { "if-none-match": "*" } }))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await addEvent(people.manager, { day: "2017-01-01", label: "More talks", countryA: "ARM", countryB: "AZE" });
    expect(await heldResponse(people.analyst, new Request(URL_))).toBeNull();
  });
});
