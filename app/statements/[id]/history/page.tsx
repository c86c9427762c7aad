import Link from "next/link";
import { notFound } from "next/navigation";
import { roleHas } from "@/lib/dal/permissions";
import { orNotFound, requireSignedIn } from "@/lib/auth/session";
import { statementHistory } from "@/lib/dal/history";
import { getStatement } from "@/lib/dal/statements";
import { RestoreButton } from "./restore-button";
import { parseId } from "@/lib/validation";

export const dynamic = "force-dynamic";

const ACTION_LABEL: Record<string, string> = {
  "statement.import": "imported",
  "statement.restore": "restored an earlier state",
  "statement.reviewed": "marked reviewed",
  "statement.metadata": "edited metadata",
  "statement.pairs": "edited pairs",
  "tag.add": "added a theme",
  "tag.remove": "removed a theme",
  "tag.accept": "accepted a suggestion",
  "tag.reject": "rejected a tag",
  "tag.accept_all": "accepted suggestions",
  "tag.add_span": "tagged a span",
  "tag.toggle": "toggled a theme on a passage",
  "tone.override": "set tone",
  "tone.clear": "cleared a tone override",
};

export default async function StatementHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const { ctx, actor } = await requireSignedIn(`/statements/${rawId}/history`);
  const id = parseId(rawId);
  if (id === null) notFound();
  const statement = await orNotFound(getStatement(ctx, id));
  const history = await statementHistory(ctx, id);
  const canRestore = roleHas(actor.role, "tags:write");
  return (
    <>
      <p className="notice">
        <Link href={`/statements/${id}`}>← {statement.title}</Link>
        {canRestore && (
          <>
            {" "}
            · <Link href={`/review/${id}`}>Review</Link>
          </>
        )}
      </p>
      <h1>History</h1>
      <p className="notice">
        Now at version <span data-testid="version">{statement.version}</span>. Every change is kept; restoring puts back the tags, tone,
        pairs and metadata as they were before a change, and is itself recorded here.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Versions</th>
            <th scope="col">Change</th>
            {canRestore && <th scope="col">Restore</th>}
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id} data-testid="history-entry">
              <td>{h.at.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td>{h.actor ?? "system"}</td>
              <td>{ACTION_LABEL[h.action] ?? h.action}</td>
              <td>{h.fromVersion !== null ? `${h.fromVersion} → ${h.toVersion}` : "—"}</td>
              <td style={{ fontSize: "0.85rem" }}>{h.summary}</td>
              {canRestore && (
                <td>
                  {h.restorable && (
                    <RestoreButton statementId={id} version={statement.version} auditId={h.id} fromVersion={h.fromVersion} />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
