import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareVersions, type Floor } from "@/scripts/ci/security-floors";

/** The floors CI checks (scripts/ci/security-floors.json): each named package is installed at or above its floor. */
const { floors } = JSON.parse(readFileSync("scripts/ci/security-floors.json", "utf8")) as { floors: Floor[] };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };

describe("dependency floors", () => {
  for (const { package: name, floor } of floors) {
    it(`installs ${name} ≥ ${floor}`, () => {
      const installed = lock.packages[`node_modules/${name}`]?.version;
      expect(installed, `${name} is not in package-lock.json`).toBeDefined();
      expect(compareVersions(installed!, floor), `${name} ${installed} is below ${floor}`).toBeGreaterThanOrEqual(0);
    });
  }

  it("keeps the framework and session floors of issues #2 and #8", () => {
    const floorOf = (name: string) => floors.find((f) => f.package === name)?.floor;
    expect(floorOf("next")).toBe("16.2.6");
    expect(floorOf("react")).toBe("19.2.6");
    expect(floorOf("react-dom")).toBe("19.2.6");
    expect(floorOf("next-auth")).toBe("4.24.15");
    expect(floorOf("drizzle-orm")).toBe("0.45.2");
  });

  it("compares versions numerically", () => {
    expect(compareVersions("16.10.0", "16.2.6")).toBe(1);
    expect(compareVersions("16.2.5", "16.2.6")).toBe(-1);
    expect(compareVersions("0.45.2", "0.45.2")).toBe(0);
  });
});
