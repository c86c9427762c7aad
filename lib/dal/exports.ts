import { sql } from "drizzle-orm";
import type { ReportStatementRow } from "@/lib/export/report-model";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import type { StatementFilter } from "./filters";
import { statementWhere } from "./internal/statement-filter-sql";
import { statementBatches } from "./internal/statement-batches";

/**
 * The statements behind a chart (the dashboard's "Download CSV"), for managers: streamed batch by batch like a
 * report's statements. Permission and the audit row come before the first row, so a refusal is an error
 * response, never a broken download.
 */
export async function exportStatements(ctx: DalContext, filter: StatementFilter): Promise<AsyncIterable<ReportStatementRow[]>> {
  const actor = await requirePermission(ctx, "reports:export");
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: "export.statements_csv",
    entityType: "export",
    entityId: "statements",
    after: { filter },
  });
  return statementBatches(ctx.db, statementWhere(filter) ?? sql`true`);
}
