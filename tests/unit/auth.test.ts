import { describe, expect, it } from "vitest";
import { actionBodyProblem } from "@/lib/auth/action-body";
import { authOptions } from "@/lib/auth/options";
import { PERMISSIONS, ROLES, roleHas, scopeGrants, SESSION_ONLY_PERMISSIONS, TOKEN_SCOPES } from "@/lib/dal/permissions";
import { parsesAsRedirect, safeCallbackPath, safeRedirectUrl } from "@/lib/auth/safe-redirect";
import { SESSION_LIFETIME_HOURS } from "@/lib/dal/context";

describe("role → permission map", () => {
  it("gives every role the permissions of the roles below it", () => {
    for (const permission of PERMISSIONS) {
      const holders = ROLES.filter((role) => roleHas(role, permission));
      expect(holders.length).toBeGreaterThan(0);
      expect(holders).toEqual(ROLES.slice(ROLES.length - holders.length));
    }
  });

  it("lets analysts read but not tag, staff tag but not export, managers export", () => {
    expect(roleHas("analyst", "series:read")).toBe(true);
    expect(roleHas("analyst", "tags:write")).toBe(false);
    expect(roleHas("staff", "tags:write")).toBe(true);
    expect(roleHas("staff", "reports:export")).toBe(false);
    expect(roleHas("manager", "reports:export")).toBe(true);
    expect(roleHas("manager", "admins:manage")).toBe(false);
  });
});

describe("callback URLs after sign-in", () => {
  it("keeps paths on our own site", () => {
    expect(safeCallbackPath("/statements/4?x=1")).toBe("/statements/4?x=1");
  });

  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "  //evil.example", ""])(
    "sends %j to the dashboard",
    (raw) => {
      expect(safeCallbackPath(raw)).toBe("/dashboard");
    },
  );
});

describe("API token scopes", () => {
  it("give each permission to at most one scope, and never token or account management", () => {
    for (const permission of PERMISSIONS) expect(TOKEN_SCOPES.filter((s) => scopeGrants(s, permission)).length).toBeLessThanOrEqual(1);
    // Saved views and their feed secrets are made in the browser; so are followed sources, which make the server fetch on a schedule.
    expect(SESSION_ONLY_PERMISSIONS.sort()).toEqual(["admins:manage", "feeds:manage", "tokens:manage", "users:manage", "views:save"]);
    expect(scopeGrants("read", "series:read")).toBe(true);
    expect(scopeGrants("read", "tags:write")).toBe(false);
  });
});

describe("redirects next-auth may follow", () => {
  const base = "http://localhost:3101";

  it.each([
    ["http://localhost:3101.evil.test/", `${base}/dashboard`],
    ["http://localhost:3101@evil.test/", `${base}/dashboard`],
    ["https://evil.example/x", `${base}/dashboard`],
    ["//evil.example/x", `${base}/dashboard`],
    ["javascript:alert(1)", `${base}/dashboard`],
    ["/statements/4?x=1", `${base}/statements/4?x=1`],
    [`${base}/search?q=gas`, `${base}/search?q=gas`],
  ])("sends %j to %j, never throwing", (url, expected) => {
    expect(safeRedirectUrl(url, base)).toBe(expected);
    expect(authOptions.callbacks!.redirect!({ url, baseUrl: base })).toBe(expected);
  });

  it("tells which callback URLs next-auth can read at all", () => {
    expect(parsesAsRedirect("http://localhost:3101.evil.test/")).toBe(false);
    expect(parsesAsRedirect("javascript:alert(1)")).toBe(false);
    expect(parsesAsRedirect("/dashboard")).toBe(true);
    expect(parsesAsRedirect("https://evil.example/")).toBe(true); // readable; the redirect callback then refuses it
  });
});

describe("the session token", () => {
  const jwt = authOptions.callbacks!.jwt!;
  const now = () => Math.floor(Date.now() / 1000);

  it("records the session version and sign-in time at sign-in, and keeps them through refreshes", async () => {
    const user = { id: "7", email: "a@b.c", name: "A", sessionVersion: 3 };
    const signedIn = await jwt({ token: { email: "a@b.c" }, user, account: null });
    expect(signedIn).toMatchObject({ uid: 7, sv: 3 });
    expect(Math.abs(signedIn.signedInAt! - now())).toBeLessThan(5);
    const refreshed = await jwt({ token: { ...signedIn }, user: undefined as never, account: null });
    expect(refreshed.signedInAt).toBe(signedIn.signedInAt);
  });

  it("is not refreshed past its absolute lifetime, nor without a sign-in time", async () => {
    const old = { uid: 7, sv: 3, signedInAt: now() - SESSION_LIFETIME_HOURS * 3600 - 60 };
    await expect(async () => jwt({ token: old, user: undefined as never, account: null })).rejects.toThrow(/sign in again/);
    await expect(async () => jwt({ token: { uid: 7 }, user: undefined as never, account: null })).rejects.toThrow(/sign in again/);
  });
});

describe("server-action bodies", () => {
  const post = (contentType: string, body: BodyInit) =>
    new Request("http://x/", { method: "POST", headers: { "content-type": contentType, "next-action": "a" }, body });
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("refuses bodies Next.js cannot decode", async () => {
    expect(await actionBodyProblem(post("text/plain;charset=UTF-8", "{"))).toMatch(/not a JSON list/);
    expect(await actionBodyProblem(post("application/json", "["))).toMatch(/not a JSON list/);
    expect(await actionBodyProblem(post("text/plain;charset=UTF-8", '"x"'))).toMatch(/not a JSON list/); // apply() needs a list
    expect(await actionBodyProblem(post("multipart/form-data; boundary=z", "--z\r\nbroken"))).toMatch(/cannot be read/);
    const badRow = new Request("http://x/", { method: "POST", body: form({ _1_name: "x", 0: "[" }) });
    expect(await actionBodyProblem(badRow)).toMatch(/not a JSON list/);
  });

  it("lets well-formed bodies through, and leaves the body readable for Next.js", async () => {
    const good = new Request("http://x/", { method: "POST", body: form({ _1_name: "{not json, a field}", 0: '["$undefined","$K1"]' }) });
    expect(await actionBodyProblem(good)).toBeNull();
    expect((await good.formData()).get("_1_name")).toBe("{not json, a field}");
    expect(await actionBodyProblem(post("text/plain;charset=UTF-8", '["$undefined",1]'))).toBeNull();
  });
});
