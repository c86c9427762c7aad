import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, roleHas } from "@/lib/auth/permissions";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";

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
