import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allTexts, FINGERPRINTS, fingerprint, fixtureTexts, SHARED_CORPORA, type Fingerprint } from "../support/engine-fingerprints";
import { hasShared, skipMessage } from "../support/shared-data";

// The speed work of issue 16 must not change a byte of what the engine reads: the fingerprints were taken from
// the engine before it (tests/support/engine-fingerprints.ts says how to retake them after an intended change).
const expected = JSON.parse(readFileSync(FINGERPRINTS, "utf8")) as Record<string, Fingerprint>;

function differences(ids: Set<string> | null): string[] {
  const found: string[] = [];
  for (const item of allTexts()) {
    if (ids && !ids.has(item.id)) continue;
    const want = expected[item.id];
    if (!want) {
      found.push(`${item.id}: no stored fingerprint`);
      continue;
    }
    const got = fingerprint(item);
    for (const part of Object.keys(want)) if (got[part] !== want[part]) found.push(`${item.id}: ${part} differs`);
  }
  return found;
}

describe("the engine's read path gives what it gave before the speed work", () => {
  it("on the project's text fixtures, plain and as wrapped pages", () => {
    const ids = new Set(fixtureTexts().flatMap((t) => [t.id, `${t.id}#pages`]));
    expect(ids.size).toBeGreaterThanOrEqual(10);
    expect(differences(ids)).toEqual([]);
  });

  const missing = SHARED_CORPORA.filter((c) => !hasShared(c));
  it.skipIf(missing.length > 0)(
    missing.length > 0 ? `on every text of ../shared/data (${missing.map(skipMessage).join("; ")})` : "on every text of ../shared/data, plain and as wrapped pages",
    () => {
      const found = differences(null);
      expect(found.slice(0, 20), `${found.length} differences`).toEqual([]);
    },
    120_000,
  );
});
