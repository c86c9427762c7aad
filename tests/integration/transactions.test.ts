import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statements } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { restoreStatement } from "@/lib/dal/history";
import { queueRetag, runRetagInBackground } from "@/lib/dal/retag";
import { writeStatement } from "@/lib/dal/statements";
import { addThemeTag } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { analyseDraft } from "@/lib/ingest/pipeline";
import type { TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

// A transaction is one connection: node-postgres queues a second query sent before the first returns, warns that
// pg@9 will refuse it, and the warning is easy to miss. Here it is an error, so every edit path must await in turn.
describe.skipIf(!process.env.TEST_DATABASE_URL)("edits on a Postgres server send one query at a time per transaction", () => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const throwDeprecation = process.throwDeprecation;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase("postgres"));
    process.throwDeprecation = true;
  });
  afterAll(async () => {
    process.throwDeprecation = throwDeprecation;
    await database?.close();
  });

  it("tags, overrides tone, restores and re-tags without overlapping queries", async () => {
    const codebook = await activeCodebook(database.db);
    const draft = analyseDraft({ raw: "We welcome energy cooperation with Azerbaijan and the new gas pipeline.", speakerCountry: "USA", counterparts: ["AZE"], date: "2020-05-01" }, codebook);
    const { id } = await writeStatement(database.db, draft, null);
    const tagged = await addThemeTag(people.staff, { statementId: id, version: 1, theme: "democracy" });
    const toned = await setToneOverride(people.staff, { statementId: id, version: tagged.version, passageId: null, value: -1 });
    const restored = await restoreStatement(people.staff, { statementId: id, version: toned.version, auditId: tagged.auditId });
    await queueRetag(database.db, codebook.version);
    await runRetagInBackground(database.db);
    const [row] = await database.db.select({ version: statements.version }).from(statements);
    expect(row!.version).toBe(restored.version);
  });
});
