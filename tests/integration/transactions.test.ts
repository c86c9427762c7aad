import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statements } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { restoreStatement } from "@/lib/dal/history";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { queueRetag } from "@/lib/dal/internal/retag";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { addThemeTag } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { analyseDraft } from "@/lib/ingest/pipeline";
import type { TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

// A transaction is one connection: node-postgres queues a query sent before the previous one has returned, and
// pg@9 will refuse it. Every query sent while its client is still busy is recorded here; there must be none.
describe.skipIf(!process.env.TEST_DATABASE_URL)("edits on a Postgres server send one query at a time per transaction", () => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const overlapping: string[] = [];
  const query = pg.Client.prototype.query;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase("postgres"));
    pg.Client.prototype.query = function (this: pg.Client & { _activeQuery: unknown; _queryQueue: unknown[] }, ...args: unknown[]) {
      if (this._activeQuery || this._queryQueue.length > 0)
        overlapping.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 80));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  });
  afterAll(async () => {
    pg.Client.prototype.query = query;
    await database?.close();
  });

  it("tags, overrides tone, restores and re-tags without overlapping queries", async () => {
    const codebook = await activeCodebook(database.db);
    const draft = analyseDraft(
      {
        raw: "We welcome energy cooperation with Azerbaijan and the new gas pipeline.",
        speakerCountry: "USA",
        counterparts: ["AZE"],
        date: "2020-05-01",
      },
      codebook,
    );
    const { id } = await writeStatement(database.db, draft, null);
    const tagged = await addThemeTag(people.staff, { statementId: id, version: 1, theme: "democracy" });
    const toned = await setToneOverride(people.staff, { statementId: id, version: tagged.version, passageId: null, value: -1 });
    const restored = await restoreStatement(people.staff, { statementId: id, version: toned.version, auditId: tagged.auditId });
    await queueRetag(database.db, codebook.version);
    await runJobsUntilIdle(database.db);
    const [row] = await database.db.select({ version: statements.version }).from(statements);
    expect(row!.version).toBe(restored.version);
    expect(overlapping).toEqual([]);
  });
});
