/**
 * Checks package-lock.json against the version floors in scripts/ci/security-floors.json: every copy of a listed
 * package, direct or nested, must be at or above its floor. This is what CI knows about advisories when the
 * registry has no audit endpoint; it is only as current as the floors file.
 *
 *   npx tsx scripts/ci/security-floors.ts [package-lock.json] [security-floors.json]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliArgs, isMain } from "@/scripts/lib/cli";

export interface Floor {
  package: string;
  floor: string;
  advisory: string | null;
  reason: string;
}

interface Lockfile {
  packages: Record<string, { version?: string }>;
}

/** -1, 0 or 1 as a is below, equal to or above b; x.y.z with an optional prerelease, which sorts below its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = "", pre] = v.replace(/^v/, "").split("+")[0]!.split(/-(.*)/s);
    return { parts: core.split(".").map((n) => Number(n) || 0), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** Every installed copy of each floored package, and those below their floor. */
export function checkFloors(lock: Lockfile, floors: Floor[]): { below: string[]; checked: string[]; absent: string[] } {
  const below: string[] = [];
  const checked: string[] = [];
  const absent: string[] = [];
  for (const floor of floors) {
    const copies = Object.entries(lock.packages).filter(
      ([where]) => where === `node_modules/${floor.package}` || where.endsWith(`/node_modules/${floor.package}`),
    );
    if (copies.length === 0) absent.push(floor.package);
    for (const [where, entry] of copies) {
      const version = entry.version ?? "0.0.0";
      const line = `${where.replace(/(^|\/)node_modules\//g, "$1")}@${version} (floor ${floor.floor})`;
      if (compareVersions(version, floor.floor) < 0) below.push(`${line}: ${floor.advisory ?? "no advisory"} — ${floor.reason}`);
      else checked.push(line);
    }
  }
  return { below, checked, absent };
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const usage = "usage: npx tsx scripts/ci/security-floors.ts [package-lock.json] [security-floors.json]";
  const [lockArg, floorsArg, ...extra] = cliArgs(usage, {}, { positionals: true }).positionals;
  if (extra.length > 0) throw new Error(usage);
  const lockPath = lockArg ?? path.join(root, "package-lock.json");
  const floorsPath = floorsArg ?? path.join(root, "scripts/ci/security-floors.json");
  const { reviewed, floors } = JSON.parse(readFileSync(floorsPath, "utf8")) as { reviewed: string; floors: Floor[] };
  const { below, checked, absent } = checkFloors(JSON.parse(readFileSync(lockPath, "utf8")) as Lockfile, floors);
  console.log(`Security floors (reviewed ${reviewed}): ${checked.length} installed copies at or above their floor.`);
  if (absent.length > 0) console.log(`Not installed, nothing to check: ${absent.join(", ")}.`);
  if (below.length === 0) return;
  console.log(`BELOW THE FLOOR (${below.length}):`);
  for (const line of below) console.log(`  ${line}`);
  process.exitCode = 1;
}

if (isMain(import.meta.url)) main();
