import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { segment, sentences } from "@/lib/engine/segment";
import { allTexts, FINGERPRINTS, fingerprint, fixtureTexts, SHARED_CORPORA, type Fingerprint } from "../support/engine-fingerprints";
import { referenceNormalise, referenceSentences } from "../support/engine-reference";
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
    missing.length > 0
      ? `on every text of ../shared/data (${missing.map(skipMessage).join("; ")})`
      : "on every text of ../shared/data, plain and as wrapped pages",
    () => {
      const found = differences(null);
      expect(found.slice(0, 20), `${found.length} differences`).toEqual([]);
    },
    120_000,
  );
});

describe("sentences read in place", () => {
  // Pieces that sit at the edges of the in-place reading: abbreviations, initials, U.S. before a starter or not,
  // closing quotes, blank lines, spaces at the ends of a span.
  const piece = fc.constantFrom(
    "Mr.",
    "U.S.",
    "We",
    "The",
    "go",
    "e.g.",
    "A.",
    "No.",
    "5",
    "1.5",
    ".",
    "!",
    "?",
    "...",
    '"',
    "'",
    ")",
    "”",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "Qarabağ.",
    "Ж.",
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));

  it("splits any span of any text as the copying splitter did", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const start = t.length === 0 ? 0 : a % (t.length + 1);
        const end = start + (t.length === start ? 0 : b % (t.length - start + 1));
        expect(sentences(t, start, end)).toEqual(referenceSentences(t, start, end));
      }),
      { numRuns: 3000 },
    );
  });

  it("splits every paragraph as the copying splitter did", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const p of segment(t)) expect(p.sentences).toEqual(referenceSentences(t, p.start, p.end));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("character normalisation in one pass", () => {
  it("cleans any text as it cleans the text normalised the old way (line ends, spaces, quotes, form feeds)", () => {
    const piece = fc.constantFrom(
      "\r",
      "\n",
      "\r\n",
      "\f",
      "\v",
      "\u2028",
      "\u2029",
      "\u00A0",
      "\u200B",
      "\uFEFF",
      "\u2019",
      "\u201C",
      "\u00AB",
      "\u2026",
      "\t",
      " ",
      "Peace.",
      "war",
      "12",
      "-",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const raw = parts.join("");
        expect(clean(raw)).toEqual(clean(referenceNormalise(raw)));
        expect(referenceNormalise(raw)).not.toMatch(/[\r\f\v\u2028\u2029\u00A0\u200B\uFEFF\u2019\u201C\u00AB\u2026]/);
      }),
      { numRuns: 3000 },
    );
  });
});
