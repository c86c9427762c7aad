/**
 * The real passages a synthetic corpus is resampled from: each passage of the real corpora as the engine
 * reads it (text, tone, themes), so the synthetic corpus has a real theme mix and real tone values.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { compileCodebook } from "@/lib/engine/tag";
import { bulkDrafts, guessMapping, readBulkRecords } from "@/lib/ingest/bulk";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { sharedData } from "@/scripts/lib/data-path";

export interface PoolPassage {
  text: string;
  tone: number | null;
  /** Theme slugs with the confidence the engine gave them. */
  tags: { theme: string; confidence: number }[];
}

const SHARED_FILES = ["ungd/ungd-dev.jsonl.gz", "us-ru-statements/us-ru-statements-dev.jsonl.gz", "unscon/unscon-dev.jsonl.gz"];
const DEMO_FILE = path.join(process.cwd(), "data", "demo", "ungd-1981-2023.jsonl.gz");

/** The corpora to read: ../shared/data when present, else the project's own demo corpus. */
export function poolSources(): string[] {
  const shared = SHARED_FILES.map((f) => sharedData(f)).filter((f) => existsSync(f));
  return shared.length > 0 ? shared : [DEMO_FILE];
}

/** Every passage of the given corpora, analysed by the engine with the default codebook. */
export async function readPool(files = poolSources()): Promise<PoolPassage[]> {
  const codebook = { version: 1, compiled: compileCodebook(DEFAULT_CODEBOOK.filter((t) => t.enabled)) };
  const pool: PoolPassage[] = [];
  for (const file of files) {
    const rows = await readBulkRecords(path.basename(file), new Uint8Array(readFileSync(file)));
    const first = rows.find((r) => "record" in r);
    const mapping = first && "record" in first ? guessMapping(Object.keys(first.record)) : null;
    if (!mapping) continue;
    for await (const row of bulkDrafts(rows, mapping)) {
      if (!("draft" in row)) continue;
      try {
        const analysed = analyseDraft(row.draft, codebook);
        for (const p of analysed.passages) {
          pool.push({
            text: analysed.text.slice(p.start, p.end),
            tone: p.tone,
            tags: p.tags.map((t) => ({ theme: t.theme, confidence: t.confidence })),
          });
        }
      } catch {
        // a draft the engine cannot use (no text, unknown country) adds nothing to the pool
      }
    }
  }
  return pool;
}
