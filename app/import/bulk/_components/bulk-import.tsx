"use client";

import { useEffect, useState, useTransition, type FormEvent } from "react";
import { importJobAction, startBulkImportAction } from "@/app/import/bulk/actions";
import type { FieldMapping } from "@/lib/ingest/bulk";
import { formatBytes, LIMITS } from "@/lib/ingest/limits";

interface Staged {
  uploadId: string;
  name: string;
  columns: string[];
  mapping: FieldMapping | null;
  rows: Record<string, unknown>[];
  total: number;
  broken: number;
}

type Job = Extract<Awaited<ReturnType<typeof importJobAction>>, { ok: true }>["value"];

const FIELDS: { key: keyof FieldMapping; label: string }[] = [
  { key: "text", label: "Text (required)" },
  { key: "title", label: "Title" },
  { key: "date", label: "Date" },
  { key: "year", label: "Year" },
  { key: "speakerName", label: "Speaker" },
  { key: "speakerTitle", label: "Speaker's title" },
  { key: "speakerCountry", label: "Speaker's country (ISO3)" },
  { key: "counterpart", label: "Counterpart (ISO3)" },
  { key: "sourceUrl", label: "Source URL" },
  { key: "kind", label: "Kind" },
  { key: "language", label: "Language" },
];

/** Upload → preview with a guessed mapping → import with progress → report. */
export function BulkImport() {
  const [staged, setStaged] = useState<Staged | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  async function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose a file first.");
    if (file.size > LIMITS.bulkFileBytes)
      return setError(`${file.name} is ${formatBytes(file.size)}; a bulk file may be at most ${formatBytes(LIMITS.bulkFileBytes)}.`);
    setError(null);
    startTransition(async () => {
      const response = await fetch(`/api/imports/upload?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
      const body = await response.json();
      if (response.ok) setStaged(body as Staged);
      else setError((body as { error: string }).error);
    });
  }

  function onStart(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!staged) return;
    const form = new FormData(event.currentTarget);
    const mapping = Object.fromEntries(FIELDS.map((f) => [f.key, String(form.get(f.key) ?? "")]).filter(([, v]) => v));
    startTransition(async () => {
      const result = await startBulkImportAction({
        uploadId: staged.uploadId,
        mapping,
        allowNoSpeaker: form.get("withoutSpeakerCountry") === "on",
      });
      if (!result.ok) return setError(result.error);
      const first = await importJobAction(result.value);
      if (first.ok) setJob(first.value);
    });
  }

  useEffect(() => {
    if (!job || job.status !== "running") return;
    const timer = setTimeout(async () => {
      const next = await importJobAction(job.id);
      if (next.ok) setJob(next.value);
    }, 700);
    return () => clearTimeout(timer);
  }, [job]);

  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!staged && (
        <form className="card" onSubmit={onUpload}>
          <label>
            File (.csv, .json, .jsonl, .jsonl.gz; at most 200 MB){" "}
            <input type="file" name="file" accept=".csv,.json,.jsonl,.gz,.ndjson" required />
          </label>{" "}
          <button type="submit" disabled={pending}>
            {pending ? "Reading…" : "Preview"}
          </button>
        </form>
      )}
      {staged && !job && (
        <form className="card" onSubmit={onStart} aria-label="Column mapping">
          <p>
            <strong>{staged.name}</strong>: {staged.total} rows
            {staged.broken > 0 && `, of which ${staged.broken} cannot be read (they will be listed in the report)`}. Choose which column
            holds what; the guess is filled in.
          </p>
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: "0.5rem 1rem" }}>
            {FIELDS.map((f) => (
              <label key={f.key} style={{ display: "flex", flexDirection: "column" }}>
                {f.label}
                <select name={f.key} defaultValue={staged.mapping?.[f.key] ?? ""}>
                  <option value="">—</option>
                  {staged.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h2>First rows</h2>
          <div style={{ overflowX: "auto" }}>
            <table>
              <thead>
                <tr>
                  {staged.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {staged.rows.map((row, i) => (
                  <tr key={i}>
                    {staged.columns.map((c) => (
                      <td key={c}>{String(row[c] ?? "").slice(0, 120)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label>
            <input type="checkbox" name="withoutSpeakerCountry" /> also import rows without a speaker country (they are then in no pair and
            no chart; otherwise they are listed as rejected)
          </label>
          <p>
            <button type="submit" disabled={pending}>
              Import {staged.total} rows
            </button>
          </p>
        </form>
      )}
      {job && <JobReport job={job} />}
    </>
  );
}

function JobReport({ job }: { job: Job }) {
  const total = Math.max(job.processed, 1);
  return (
    <section className="card" aria-live="polite" aria-labelledby="import-status">
      <h2 id="import-status">{job.status === "running" ? "Importing…" : job.status === "done" ? "Import finished" : "Import stopped"}</h2>
      <progress max={total} value={job.processed} style={{ width: "100%" }} aria-label="rows processed" />
      <p data-testid="import-report">
        {job.processed} rows processed: {job.imported} imported, {job.duplicates} duplicates, {job.rejected.length} rejected.
      </p>
      {job.error && <p className="error">{job.error}</p>}
      {job.rejected.length > 0 && (
        <table>
          <caption>Rejected rows</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {job.rejected.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
