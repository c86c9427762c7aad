import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { startApp, type RunningApp } from "./support/app";
import { sessionCookie } from "./support/session";

/**
 * Out-of-range page numbers, NUL bytes and ids past the database's integer range, sent over HTTP to the real
 * server: each is refused plainly (400 with a message from an API, a message or 404 on a page), never a 500.
 */
const TOO_BIG_ID = "2147483648"; // 2³¹: one past the largest id Postgres can store

let app: RunningApp;
let cookie: string;

beforeAll(async () => {
  app = await startApp();
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
  cookie = (await sessionCookie(app.baseUrl, admin.email, admin.password)).split(";")[0]!;
});

afterAll(() => app?.stop());

const get = (path: string) => fetch(`${app.baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });

describe("API and file routes answer 400 with a message", () => {
  it.each([
    "/api/v1/statements?page=1e22",
    "/api/v1/statements?page=-3",
    "/api/v1/statements?pageSize=1e22",
    "/admin/audit/export?actor=%00",
    "/admin/audit/export?entityId=1%00",
    `/api/reports/export?format=json&report=${TOO_BIG_ID}`,
    "/api/reports/export?format=csv-series&pair=USA%3EAZE&name=a%00b",
  ])("%s", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/\w{3}/);
  });
});

describe("pages refuse with a message", () => {
  it.each([
    ["/review?page=1e22", /page/i],
    ["/review?source=%00", /NUL/],
    ["/statements?page=1e22", /page/i],
    ["/search?q=energy&page=1e22", /page/i],
    ["/admin/audit?actor=%00", /NUL/],
    ["/admin/audit?page=1e22", /page/i],
    [`/reports?report=${TOO_BIG_ID}`, /report/i],
    ["/reports?pair=USA%3EAZE&name=a%00b", /NUL/],
  ])("%s", async (path, message) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const alert = /role="alert"[^>]*>([^<]*)</.exec(await response.text())?.[1] ?? "";
    expect(alert).toMatch(message);
  });
});

describe("pages for ids no record can have are not found", () => {
  it.each([
    `/statements/${TOO_BIG_ID}`,
    `/statements/${TOO_BIG_ID}/history`,
    `/review/${TOO_BIG_ID}`,
    `/review/coding/${TOO_BIG_ID}`,
    `/review/agreement/${TOO_BIG_ID}`,
  ])("%s", async (path) => {
    expect((await get(path)).status).toBe(404);
  });
});
