import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Versions below these carry known advisories in the framework and session layer (issue #2, #8). */
const FLOORS: Record<string, string> = {
  next: "16.2.6",
  react: "19.2.6",
  "react-dom": "19.2.6",
  "next-auth": "4.24.15",
  "drizzle-orm": "0.45.2",
};

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };

function atLeast(version: string, floor: string): boolean {
  const [a, b] = [version, floor].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! > b![i]!;
  return true;
}

describe("dependency floors", () => {
  for (const [name, floor] of Object.entries(FLOORS)) {
    it(`installs ${name} ≥ ${floor}`, () => {
      const installed = lock.packages[`node_modules/${name}`]?.version;
      expect(installed, `${name} is not in package-lock.json`).toBeDefined();
      expect(atLeast(installed!, floor), `${name} ${installed} is below ${floor}`).toBe(true);
    });
  }

  it("compares versions numerically", () => {
    expect(atLeast("16.10.0", "16.2.6")).toBe(true);
    expect(atLeast("16.2.5", "16.2.6")).toBe(false);
    expect(atLeast("0.45.2", "0.45.2")).toBe(true);
  });
});
