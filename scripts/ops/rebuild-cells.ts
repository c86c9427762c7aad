// `npm run cells:rebuild`: throws the series cells away and computes them again from raw rows.
import { closeDatabase, configFromEnv, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { cliArgs } from "@/scripts/lib/cli";

async function main() {
  cliArgs("usage: npm run cells:rebuild (recomputes the series cells from raw rows)", {});
  const database = await getDatabase();
  await migrateDatabase(database);
  const started = performance.now();
  await rebuildCells(database.db);
  console.log(
    `[dyad] series cells rebuilt from raw rows in ${((performance.now() - started) / 1000).toFixed(1)} s (${configFromEnv().driver})`,
  );
  await closeDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
