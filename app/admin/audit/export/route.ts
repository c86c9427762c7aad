import { handleRoute } from "@/lib/auth/route";
import { auditFilterSchema, exportAudit } from "@/lib/dal/audit-view";
import { readSearchParams } from "@/app/_lib/search-params";
import { toCsv } from "@/lib/export/csv";

export const dynamic = "force-dynamic";

const HEADER = ["id", "at", "actor", "action", "entity_type", "entity_id", "before", "after"];

export async function GET(request: Request) {
  return handleRoute(request, async (ctx) => {
    const filter = readSearchParams(auditFilterSchema, new URL(request.url).searchParams);
    const rows = await exportAudit(ctx, filter);
    const csv = toCsv(
      HEADER,
      rows.map((r) => [r.id, r.at.toISOString(), r.actor ?? "system", r.action, r.entityType, r.entityId, json(r.before), json(r.after)]),
    );
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="dyad-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
