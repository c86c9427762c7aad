import { readFileSync } from "node:fs";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { SIGN_IN_THROTTLE } from "@/lib/dal/internal/sign-in-throttle";
import { startApp } from "./support/app";
import { sessionCookie } from "./support/session";
import { appAndBrowser } from "./support/suite";

/** A phrase only a signed-in reader can see: the seed statement's title. */
const PROTECTED_TEXT = "Azerbaijani Relations";
const PROTECTED_PATHS = [
  "/dashboard",
  "/statements",
  "/search?q=energy",
  "/api/v1/series?pair=USA>AZE",
  "/api/v1/statements",
  "/api/v1/pairs",
  "/api/export/statements",
];
const HOSTILE = [
  "'; drop table statements; --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "../../etc/passwd",
  "%00",
  "1 or 1=1",
  "\u0000",
];

const e2e = appAndBrowser();

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${e2e.app.baseUrl}${path}`, { headers, redirect: "manual" });

/** The id the build gave a server action, as a browser would send it in the Next-Action header. */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === name)?.[0];
  if (!id) throw new Error(`the build has no server action ${name}`);
  return id;
}

/** Posts a form to a server action the way React does for useActionState: (previous state, form data). */
function postAction(path: string, name: string, fields: Record<string, string>, headers: Record<string, string>): Promise<Response> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(`_1_${key}`, value);
  body.set("0", JSON.stringify(["$undefined", "$K1"]));
  return fetch(`${e2e.app.baseUrl}${path}`, { method: "POST", headers: { "Next-Action": actionId(name), ...headers }, body });
}

const SECRET = "e2e-secret-not-for-production"; // the NEXTAUTH_SECRET startApp gives the server
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const cookieOf = async (role: string) => (await sessionCookie(e2e.app.baseUrl, account(role).email, account(role).password)).split(";")[0]!;

describe("headers", () => {
  it("sends a strict Content-Security-Policy with a fresh nonce, and nosniff", async () => {
    const [first, second] = [await get("/signin"), await get("/signin")];
    const policy = first.headers.get("content-security-policy") ?? "";
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'strict-dynamic'"])
      expect(policy).toContain(directive);
    expect(policy).not.toContain("'unsafe-inline' 'strict-dynamic'");
    expect(policy.match(/'nonce-([^']+)'/)?.[1]).not.toBe(second.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1]);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("lets the app run under that policy: no violation while the dashboard draws its charts", async () => {
    const { context, page } = await e2e.signIn("analyst");
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/dashboard?pair=USA>RUS&theme=counterterrorism&interval=year");
    await page.locator(".recharts-line-curve").first().waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe("the session", () => {
  it("is an HttpOnly, SameSite=Lax cookie", async () => {
    const analyst = DEMO_ACCOUNTS.find((a) => a.role === "analyst")!;
    const cookie = await sessionCookie(e2e.app.baseUrl, analyst.email, analyst.password);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i); // plain http on localhost: a Secure cookie would never come back
  });

  it("is also Secure when the site is served over https", async () => {
    const httpsApp = await startApp({ NEXTAUTH_URL: "https://dyad.example.org" });
    try {
      const analyst = DEMO_ACCOUNTS.find((a) => a.role === "analyst")!;
      const cookie = await sessionCookie(httpsApp.baseUrl, analyst.email, analyst.password);
      expect(cookie).toMatch(/^__Secure-/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
    } finally {
      await httpsApp.stop();
    }
  });

  for (const target of [
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example/phish",
    "javascript:alert(1)",
    "http://localhost:9/x",
  ]) {
    it(`after sign-in with callbackUrl ${target} lands on our own site`, async () => {
      const page = await e2e.browser.newPage({ baseURL: e2e.app.baseUrl });
      page.on("dialog", (d) => {
        throw new Error(`unexpected dialog ${d.message()}`);
      });
      const staff = DEMO_ACCOUNTS.find((a) => a.role === "staff")!;
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
      await page.getByLabel("Email").fill(staff.email);
      await page.getByLabel("Password").fill(staff.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL("**/dashboard**");
      expect(new URL(page.url()).origin).toBe(new URL(e2e.app.baseUrl).origin);
      await page.close();
    });
  }

  it("a copied cookie stops working once its owner signs out", async () => {
    const cookie = await cookieOf("analyst");
    expect((await get("/api/v1/pairs", { cookie })).status).toBe(200);
    const csrf = await fetch(`${e2e.app.baseUrl}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const signOut = await fetch(`${e2e.app.baseUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}` },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(signOut.status).toBeLessThan(400);
    expect((await get("/api/v1/pairs", { cookie })).status).toBe(401);
    expect((await get("/api/v1/pairs", { cookie: await cookieOf("analyst") })).status).toBe(200); // signing in again works
  });

  it("has an absolute lifetime: refreshing the session does not keep a cookie alive past it", async () => {
    const [name, value] = (await cookieOf("staff")).split(/=(.*)/s) as [string, string];
    const claims = await decode({ token: value, secret: SECRET });
    const thirteenHoursAgo = Math.floor(Date.now() / 1000) - 13 * 3600;
    const old = `${name}=${await encode({ token: { ...claims, signedInAt: thirteenHoursAgo }, secret: SECRET })}`;
    const refreshed = await get("/api/auth/session", { cookie: old });
    expect(await refreshed.json()).not.toHaveProperty("user");
    expect((await get("/api/v1/pairs", { cookie: old })).status).toBe(401);
    const fresh = `${name}=${await encode({ token: { ...claims, signedInAt: thirteenHoursAgo + 2 * 3600 }, secret: SECRET })}`;
    expect((await get("/api/v1/pairs", { cookie: fresh })).status).toBe(200);
  });

  it("a callbackUrl that only looks like our host gets a safe redirect, never a server error", async () => {
    const lookalike = `${e2e.app.baseUrl}.evil.test/`;
    for (const path of ["/api/auth/csrf", "/api/auth/providers", "/api/auth/signin", "/signin"]) {
      const response = await get(`${path}?callbackUrl=${encodeURIComponent(lookalike)}`);
      expect(response.status, path).toBeLessThan(500);
      const location = response.headers.get("location");
      if (location) {
        expect(new URL(location, e2e.app.baseUrl).origin, path).toBe(new URL(e2e.app.baseUrl).origin);
        expect(decodeURIComponent(location), path).not.toMatch(/evil|error=/);
      }
    }
  });

  it("pauses sign-in for an account after repeated failures, even with the right password, and says why", async () => {
    const manager = DEMO_ACCOUNTS.find((a) => a.role === "manager")!;
    const page = await e2e.browser.newPage({ baseURL: e2e.app.baseUrl });
    await page.goto("/signin");
    const attempt = async (password: string) => {
      await page.getByLabel("Email").fill(manager.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      return page.locator(".error[role=alert]").textContent();
    };
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount; i++) expect(await attempt(`wrong ${i}`)).toContain("do not match");
    expect(await attempt(manager.password)).toContain("Too many failed sign-ins");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.close();
  });
});

describe("requests that try to get round the sign-in", () => {
  const TRICKS: Record<string, Record<string, string>> = {
    "x-middleware-subrequest": { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    "x-middleware-subrequest (proxy)": { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    "RSC: 1": { RSC: "1" },
    prefetch: { "Next-Router-Prefetch": "1", RSC: "1" },
    "router state tree": { "Next-Router-State-Tree": encodeURIComponent('["",{"children":["dashboard",{}]}]'), RSC: "1" },
  };
  for (const [name, headers] of Object.entries(TRICKS)) {
    it(`${name} gets no protected data`, async () => {
      for (const path of PROTECTED_PATHS) {
        const response = await get(path, headers);
        const body = await response.text();
        expect(body, `${path}`).not.toContain(PROTECTED_TEXT);
        expect([200, 307, 308, 401, 403], `${path} → ${response.status}`).toContain(response.status);
        if (response.status === 200) expect(body, path).toMatch(/sign in|signin/i);
      }
    });
  }

  it("an API call without a session is told to sign in before its parameters are judged", async () => {
    const response = await get("/api/v1/series?pair=nonsense&interval=century");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Please sign in to continue." });
  });

  it("malformed server-action posts get 4xx and the server stays up", async () => {
    const posts: RequestInit[] = [
      { headers: { "Next-Action": "garbage", "content-type": "text/plain" }, body: "x" },
      { headers: { "Next-Action": "0".repeat(42), "content-type": "multipart/form-data; boundary=z" }, body: "--z\r\nbroken" },
      { headers: { "Next-Action": "", "content-type": "application/json" }, body: "{" },
      { headers: { "Next-Action": "a".repeat(5000), "content-type": "text/plain" }, body: "[" },
    ];
    for (const init of posts) {
      const response = await fetch(`${e2e.app.baseUrl}/import`, { method: "POST", redirect: "manual", ...init });
      expect(response.status, JSON.stringify(init.headers)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect((await get("/signin")).status).toBe(200);
  });

  it("every server action answers arguments it does not take without a server error", async () => {
    const cookie = await cookieOf("admin");
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
      node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
    };
    const actions = Object.entries(manifest.node);
    expect(actions.length).toBeGreaterThan(20);
    for (const [id, { workers, exportedName }] of actions) {
      // A page that holds the action, its dynamic segments filled with 1 ("app/statements/[id]/page" → /statements/1).
      const page = `/${Object.keys(workers)[0]!
        .replace(/^app\//, "")
        .replace(/\/?page$/, "")
        .replace(/\[[^\]]+\]/g, "1")}`;
      for (const body of ["[]", "[null,null]", '["x",{}]']) {
        const response = await fetch(`${e2e.app.baseUrl}${page}`, {
          method: "POST",
          headers: { "Next-Action": id, "content-type": "text/plain;charset=UTF-8", cookie },
          body,
        });
        expect(response.status, `${exportedName} on ${page} with ${body}`).toBeLessThan(500);
      }
    }
    expect((await get("/signin")).status).toBe(200);
  });

  it("a malformed body for a real server action gets 400; arguments it does not take get no server error", async () => {
    const cookie = await cookieOf("admin");
    const post = (contentType: string, body: string) =>
      fetch(`${e2e.app.baseUrl}/admin/users`, {
        method: "POST",
        headers: { "Next-Action": actionId("createUserAction"), "content-type": contentType, cookie },
        body,
      });
    for (const [contentType, body] of [
      ["text/plain;charset=UTF-8", "{"],
      ["application/json", "{"],
      ["multipart/form-data; boundary=z", "--z\r\nbroken"],
      ["multipart/form-data; boundary=z", '--z\r\nContent-Disposition: form-data; name="0"\r\n\r\n[\r\n--z--\r\n'],
    ]) {
      expect((await post(contentType!, body!)).status, `${contentType} ${JSON.stringify(body)}`).toBe(400);
    }
    for (const body of ["[]", "{}", '"x"', "[null,null]"])
      expect((await post("text/plain;charset=UTF-8", body)).status, body).toBeLessThan(500);
    expect((await get("/signin")).status).toBe(200);
  });

  it("server actions never accept a bearer token, even one the API honours", async () => {
    const admin = await cookieOf("admin"); // the manager may be paused by the sign-in throttle test above
    const created = await postAction("/tokens", "createTokenAction", { name: "e2e bot" }, { cookie: admin });
    const token = (await created.text()).match(/dyad_[A-Za-z0-9_-]+/)?.[0];
    expect(token).toBeTruthy();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await get("/api/v1/pairs", bearer)).status).toBe(200);
    await postAction(
      "/admin/users",
      "createUserAction",
      { email: "made-by-a-token@example.org", name: "T", role: "analyst", credential: "link" },
      bearer,
    );
    await postAction("/tokens", "createTokenAction", { name: "token-made token" }, bearer);
    expect(
      (await (await get("/admin/users", { cookie: admin })).text()).includes("made-by-a-token@example.org"),
      "the token made a user",
    ).toBe(false);
    expect((await (await get("/tokens", { cookie: admin })).text()).includes("token-made token"), "the token made a token").toBe(false);
  });

  it("a cross-site post to a route handler is refused, even with a valid session", async () => {
    const staff = DEMO_ACCOUNTS.find((a) => a.role === "staff")!;
    const cookie = (await sessionCookie(e2e.app.baseUrl, staff.email, staff.password)).split(";")[0]!;
    const response = await fetch(`${e2e.app.baseUrl}/api/imports/upload?name=x.jsonl`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/octet-stream" },
      body: '{"text":"cross-site"}\n',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "Cross-site requests are refused." });
  });
});

describe("hostile parameters", () => {
  const PAGES = ["/dashboard", "/statements", "/search", "/drill", "/api/v1/series", "/api/v1/statements", "/api/export/statements"];
  const PARAMS = [
    "pair",
    "speaker",
    "counterpart",
    "theme",
    "from",
    "to",
    "interval",
    "measure",
    "scale",
    "both",
    "q",
    "page",
    "period",
    "pageSize",
    "sort",
  ];

  it("are refused or ignored, never a server error, never echoed as markup", async () => {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
    const cookie = (await sessionCookie(e2e.app.baseUrl, admin.email, admin.password)).split(";")[0]!;
    for (const path of PAGES) {
      for (const value of HOSTILE) {
        const query = new URLSearchParams(PARAMS.map((p) => [p, value])).toString();
        const response = await get(`${path}?${query}`, { cookie });
        const body = await response.text();
        expect(response.status, `${path} ${JSON.stringify(value)}`).toBeLessThan(500);
        expect(body).not.toContain("<script>alert(1)</script>");
        expect(body).not.toContain("<img src=x onerror=alert(1)>");
      }
    }
  });

  it("in a real browser run no script", async () => {
    const { context, page } = await e2e.signIn("analyst"); // any dialog fails the test
    for (const value of HOSTILE.slice(1, 3)) {
      for (const path of ["/dashboard", "/search", "/statements", "/drill"]) {
        await page.goto(`${path}?${new URLSearchParams(PARAMS.map((p) => [p, value]))}`);
        await page.waitForLoadState("networkidle");
      }
    }
    await context.close();
  });
});
