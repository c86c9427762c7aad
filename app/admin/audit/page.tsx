import { Pager } from "@/components/pager";
import { requireSignedIn } from "@/lib/auth/session";
import { auditFilterSchema, auditVocabulary, listAudit } from "@/lib/dal/audit-view";
import { valueOrProblem } from "@/lib/dal/errors";
import { parseSearchParams, readSearchParams } from "@/app/_lib/search-params";
import { Problem } from "@/components/problem";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx } = await requireSignedIn("/admin/audit", "users:manage");
  const params = await searchParams;
  const { page: _page, ...criteria } = parseSearchParams(auditFilterSchema, params);
  const query = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      ...(Object.fromEntries(Object.entries(criteria).filter(([, v]) => v)) as Record<string, string>),
      ...extra,
    }).toString();
  const vocabulary = await auditVocabulary(ctx);
  const { value: result, problem } = await valueOrProblem(() => listAudit(ctx, readSearchParams(auditFilterSchema, params)));
  return (
    <>
      <h1>Audit log</h1>
      <form method="get" className="filters card" aria-label="Filter the audit log">
        <label>
          Actor (email, or &quot;system&quot;)
          <input name="actor" defaultValue={criteria.actor ?? ""} />
        </label>
        <label>
          Action
          <input name="action" list="audit-actions" defaultValue={criteria.action ?? ""} />
          <datalist id="audit-actions">
            {vocabulary.actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          Entity
          <select name="entityType" defaultValue={criteria.entityType ?? ""}>
            <option value="">any</option>
            {vocabulary.entityTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Entity id
          <input name="entityId" defaultValue={criteria.entityId ?? ""} size={8} />
        </label>
        <label>
          From
          <input name="from" type="date" defaultValue={criteria.from ?? ""} />
        </label>
        <label>
          To
          <input name="to" type="date" defaultValue={criteria.to ?? ""} />
        </label>
        <button type="submit">Filter</button>
        <a href={`/admin/audit/export?${query()}`} download>
          Export CSV
        </a>
      </form>
      <Problem>{problem}</Problem>
      {result && (
        <>
          <p className="notice" data-testid="audit-total">
            {result.total} entries, newest first.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">What changed (before → after)</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td>{r.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td>{r.actor ?? "system"}</td>
                  <td>{r.action}</td>
                  <td>
                    {r.entityType} {r.entityId}
                  </td>
                  <td>
                    {r.changes.length > 0 && (
                      <ul className="changes">
                        {r.changes.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={result.page}
            pages={result.pages}
            href={(n) => `/admin/audit?${query({ page: String(n) })}`}
            labels={["← Newer", "Older →"]}
          />
        </>
      )}
    </>
  );
}
