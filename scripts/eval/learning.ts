/**
 * `npm run eval:learning`: the tagger's learning on real UN General Debate speeches (needs ../shared/data).
 * A fresh in-memory database; the labelled speeches imported, reviewed by a staff member through the DAL by the
 * labels in tests/fixtures/ungd-reviewed, the tagger trained; prints the quality panel (held-out passages)
 * and a learning curve. See scripts/lib/ungd-learning.ts.
 * `--keep DIR` writes the database to DIR instead of memory, so the app can show it: `PGLITE_DIR=DIR npm start`,
 * sign in as the demo staff member, open /review/quality.
 */
import { existsSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { users, type ThemeQuality } from "@/db/schema";
import type { Quality } from "@/lib/engine/logistic";
import { CORPUS_FILE, evaluateLearning, LABELLED_THEMES, readLabels } from "@/scripts/lib/ungd-learning";
import { textTable } from "@/scripts/lib/text-table";
import { cliArgs } from "@/scripts/lib/cli";

const ratio = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const f1 = (q: Quality) =>
  q.precision === null || q.recall === null || q.precision + q.recall === 0
    ? null
    : (2 * q.precision * q.recall) / (q.precision + q.recall);
const cell = (q: Quality) => `${ratio(q.precision)} ${ratio(q.recall)} ${ratio(f1(q))} (${q.truePositives}/${q.predicted})`;

function qualityTable(quality: ThemeQuality[]): string {
  const rows = LABELLED_THEMES.map((theme) => {
    const q = quality.find((x) => x.theme === theme)!;
    return [theme, String(q.rules.actual), cell(q.rules), cell(q.model), cell(q.both)];
  });
  return textTable(["theme", "positives", "rules P R F1 (hits/said)", "model P R F1 (hits/said)", "both P R F1 (hits/said)"], rows, "   ");
}

async function main() {
  const keep = cliArgs("usage: npm run eval:learning -- [--keep DIR] (DIR: write the database there instead of memory)", {
    keep: { type: "string" },
  }).values.keep;
  if (!existsSync(CORPUS_FILE)) throw new Error(`needs the UN General Debate corpus at ${CORPUS_FILE} (../shared/data)`);
  const started = performance.now();
  if (keep && existsSync(keep)) throw new Error(`${keep} exists already: --keep writes a new database`);
  const database = await openDatabase({ driver: "pglite", location: keep ?? "memory://" });
  await migrateDatabase(database);
  await seedCountries(database.db);
  await seedCodebook(database.db);
  const [user] = await database.db
    .insert(users)
    .values({ email: "reviewer@dyad.local", name: "reviewer", passwordHash: "-", role: "staff" })
    .returning({ id: users.id });
  const labels = readLabels();
  const result = await evaluateLearning({ db: database.db, userId: user!.id }, labels);
  await database.close();

  const { panel, curve, review, seconds } = result;
  console.log(
    `${labels.length} labelled passages of ${result.statementIds.size} UN General Debate speeches (tests/fixtures/ungd-reviewed)`,
  );
  console.log(
    `review through the DAL: ${review.accepted} suggestions accepted, ${review.rejected} rejected, ${review.added} tags added by hand\n`,
  );
  console.log(
    `Quality panel: trained on ${panel.trainingPassages} reviewed passages, measured on ${panel.heldOutPassages} held out (passage id divisible by 5)`,
  );
  console.log(qualityTable(panel.quality));
  console.log(
    `\nLearning curve: the model trained on the first k reviewed statements, measured on the same ${curve.heldOut} held-out passages (rules do not change)`,
  );
  const curveRows = curve.points.flatMap((p) =>
    LABELLED_THEMES.map((theme, i) => {
      const q = p.quality.find((x) => x.theme === theme)!;
      return [i === 0 ? `${p.statements} (${p.reviewedPassages}/${p.trainingPassages})` : "", theme, cell(q.model), cell(q.both)];
    }),
  );
  console.log(
    textTable(
      ["statements (passages reviewed/trained on)", "theme", "model P R F1 (hits/said)", "both P R F1 (hits/said)"],
      curveRows,
      "   ",
    ),
  );
  const total = (performance.now() - started) / 1000;
  if (keep) console.log(`\nDatabase kept in ${keep}: PGLITE_DIR=${keep} npm start, sign in as staff, open /review/quality.`);
  console.log(
    `\n${total.toFixed(1)} s: import ${seconds.import.toFixed(1)}, review ${seconds.review.toFixed(1)}, train ${seconds.train.toFixed(1)}, curve ${seconds.curve.toFixed(1)}`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
