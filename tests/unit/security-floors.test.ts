import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFloors, compareVersions, type Floor } from "@/scripts/ci/security-floors";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };
const { floors } = JSON.parse(readFileSync("scripts/ci/security-floors.json", "utf8")) as { floors: Floor[] };

describe("security floors", () => {
  it("compares versions, a prerelease below its release", () => {
    expect(compareVersions("1.11.0", "1.9.9")).toBe(1);
    expect(compareVersions("0.45.1", "0.45.2")).toBe(-1);
    expect(compareVersions("16.2.6", "16.2.6")).toBe(0);
    expect(compareVersions("16.2.6-canary.3", "16.2.6")).toBe(-1);
  });

  it("names a package, its advisory and its reason for every floor", () => {
    for (const floor of floors) {
      expect(floor.package).toMatch(/\S/);
      expect(floor.floor).toMatch(/^\d+\.\d+\.\d+$/);
      expect(floor.reason).toMatch(/\w{4}/);
    }
    for (const name of ["mammoth", "unpdf", "linkedom", "exceljs", "csv-parse", "pdfkit", "next-auth", "next", "react", "drizzle-orm"]) {
      expect(floors.map((f) => f.package)).toContain(name);
    }
  });

  it("passes the project's lockfile", () => {
    expect(checkFloors(lock, floors).below).toEqual([]);
  });

  it("fails a lockfile with a copy below a floor, nested copies included, and the command exits 1", () => {
    const old = structuredClone(lock);
    old.packages["node_modules/mammoth"] = { ...old.packages["node_modules/mammoth"], version: "1.10.0" };
    old.packages["node_modules/some-tool/node_modules/drizzle-orm"] = { version: "0.44.7" };
    const { below } = checkFloors(old, floors);
    expect(below).toHaveLength(2);
    expect(below.join("\n")).toMatch(/mammoth@1\.10\.0.*GHSA-rmjr-87wv-gf87/);
    expect(below.join("\n")).toMatch(/some-tool\/drizzle-orm@0\.44\.7.*GHSA-gpj5-g38j-94v9/);

    const dir = mkdtempSync(path.join(tmpdir(), "dyad-floors-"));
    try {
      const file = path.join(dir, "package-lock.json");
      writeFileSync(file, JSON.stringify(old));
      let status = 0;
      let output = "";
      try {
        execFileSync(process.execPath, ["--import", "tsx", "scripts/ci/security-floors.ts", file], { encoding: "utf8" });
      } catch (error) {
        ({ status, stdout: output } = error as { status: number; stdout: string });
      }
      expect(status).toBe(1);
      expect(output).toContain("BELOW THE FLOOR (2)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
