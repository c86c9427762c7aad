"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { previewImportAction, saveImportAction } from "@/app/import/actions";
import { formatBytes, LIMITS } from "@/lib/ingest/limits";

type Preview = Extract<Awaited<ReturnType<typeof previewImportAction>>, { ok: true }>["value"];
type Saved = { id: number; duplicate: boolean };
type Offered = { value: string; source: string; evidence?: string; confidence: number };

/** A request the server refused before the action ran (too large, say) becomes a message, not a crashed page. */
async function refusedIfThrown<T>(call: () => Promise<T>): Promise<T | { ok: false; error: string }> {
  try {
    return await call();
  } catch {
    return {
      ok: false,
      error: `The server refused the request. A statement with its form may be at most ${formatBytes(LIMITS.requestBytes)}.`,
    };
  }
}

/** Paste, upload or fetch one statement; review the cleaned text and suggested metadata; then save. */
export function SingleImport() {
  const [source, setSource] = useState<"paste" | "file" | "url">("paste");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A refusal that names the statement already holding this text, so it can be fixed there. */
  const [pending, startTransition] = useTransition();

  function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("kind", source);
    setSaved(null);
    const file = form.get("file");
    if (source === "file" && file instanceof File && file.size > LIMITS.singleFileBytes) {
      return setError(
        `${file.name} is ${formatBytes(file.size)}; one statement file may be at most ${formatBytes(LIMITS.singleFileBytes)}.`,
      );
    }
    setError(null);
    startTransition(async () => {
      const result = await refusedIfThrown(() => previewImportAction(form));
      if (result.ok) setPreview(result.value);
      else setError(result.error);
    });
  }

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await refusedIfThrown(() => saveImportAction(form));
      if (result.ok) setSaved(result.value);
      else setError(result.error);
    });
  }

  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!preview && (
        <form onSubmit={onPreview} className="card" aria-label="Statement source">
          <fieldset style={{ border: 0, padding: 0, display: "flex", gap: "1rem" }}>
            <legend className="sr-only">Where the statement comes from</legend>
            {(["paste", "file", "url"] as const).map((kind) => (
              <label key={kind}>
                <input type="radio" name="source" checked={source === kind} onChange={() => setSource(kind)} />{" "}
                {{ paste: "Paste text or HTML", file: "Upload a file", url: "Fetch a web address" }[kind]}
              </label>
            ))}
          </fieldset>
          {source === "paste" && (
            <>
              <label style={{ display: "block", marginTop: "0.75rem" }}>
                Statement text
                <textarea name="text" rows={12} style={{ width: "100%" }} />
              </label>
              <label>
                <input type="checkbox" name="html" /> This is HTML
              </label>
            </>
          )}
          {source === "file" && (
            <label style={{ display: "block", marginTop: "0.75rem" }}>
              File (.txt, .md, .html, .pdf, .docx; at most 20 MB)
              <input type="file" name="file" accept=".txt,.md,.html,.htm,.pdf,.docx" required />
            </label>
          )}
          {source === "url" && (
            <label style={{ display: "block", marginTop: "0.75rem" }}>
              Web address
              <input type="url" name="url" placeholder="https://" style={{ width: "100%" }} required />
            </label>
          )}
          <p>
            <button type="submit" disabled={pending}>
              {pending ? "Reading…" : "Preview"}
            </button>
          </p>
        </form>
      )}
      {preview && !saved && <Review preview={preview} pending={pending} onSave={onSave} onBack={() => setPreview(null)} />}
      {saved && (
        <p className="card" role="status">
          {saved.duplicate ? "This text is already in Dyad: nothing new was saved. " : "Saved. "}
          <Link href={`/statements/${saved.id}`}>
            {saved.duplicate ? `Open the existing statement ${saved.id} to fix it there` : "Open the statement"}
          </Link>{" "}
          ·{" "}
          <button type="button" className="secondary" onClick={() => (setPreview(null), setSaved(null))}>
            Import another
          </button>
        </p>
      )}
    </>
  );
}

/** The readings on offer for a country field, each with where it came from; a click puts it in the field. */
function OfferedList({ id, offered, replace }: { id: string; offered: Offered[]; replace: boolean }) {
  if (offered.length === 0) return <small className="notice"> nothing in the text says; type it in</small>;
  function use(value: string) {
    const input = document.getElementById(id) as HTMLInputElement | null;
    if (!input) return;
    const current = input.value.split(/[\s,;]+/).filter(Boolean);
    input.value = replace ? value : [...current.filter((c) => c !== value), value].join(", ");
  }
  return (
    <small className="notice" style={{ display: "block" }} data-testid={`offered-${id}`}>
      offered:{" "}
      {offered.map((o, i) => (
        <span key={`${o.value}-${o.source}`}>
          {i > 0 && " · "}
          <button type="button" className="secondary" style={{ padding: "0 0.3rem", fontSize: "0.8rem" }} onClick={() => use(o.value)}>
            {o.value}
          </button>{" "}
          from {o.source}
          {o.evidence && ` (“${o.evidence}”)`}
        </span>
      ))}
    </small>
  );
}

function Review({
  preview,
  pending,
  onSave,
  onBack,
}: {
  preview: Preview;
  pending: boolean;
  onSave: (e: FormEvent<HTMLFormElement>) => void;
  onBack: () => void;
}) {
  const { analysed, suggestions, draft, removed } = preview;
  const hint = (s: { source: string; flag?: string } | null | undefined) =>
    s ? (
      <small className="notice">
        {" "}
        suggested from {s.source}
        {s.flag ? ` — ${s.flag}` : ""}
      </small>
    ) : null;
  return (
    <form onSubmit={onSave} aria-label="Review before saving">
      {preview.duplicateOf && (
        <p className="error" role="alert">
          This text is already in Dyad as <Link href={`/statements/${preview.duplicateOf}`}>statement {preview.duplicateOf}</Link>; saving
          adds nothing.
        </p>
      )}
      <input type="hidden" name="raw" value={draft.raw} />
      <input type="hidden" name="format" value={draft.format ?? "text"} />
      <div className="card" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.5rem 1rem", alignItems: "center" }}>
        <label htmlFor="title">Title</label>
        <span>
          <input id="title" name="title" defaultValue={analysed.title} style={{ width: "100%" }} />
          {hint(suggestions.title)}
        </span>
        <label htmlFor="date">Date</label>
        <span>
          <input id="date" name="date" defaultValue={analysed.date ?? ""} placeholder="YYYY-MM-DD" />{" "}
          <select name="datePrecision" defaultValue={analysed.datePrecision ?? "day"} aria-label="Date precision">
            <option value="day">exact day</option>
            <option value="month">month only</option>
            <option value="year">year only</option>
          </select>
          {hint(suggestions.date)}
        </span>
        <label htmlFor="speakerName">Speaker</label>
        <span>
          <input id="speakerName" name="speakerName" defaultValue={analysed.speakerName ?? ""} />
          {hint(suggestions.speakerName)}
        </span>
        <label htmlFor="speakerTitle">Speaker&apos;s title</label>
        <span>
          <input id="speakerTitle" name="speakerTitle" defaultValue={analysed.speakerTitle ?? ""} style={{ width: "60%" }} />
          {hint(suggestions.speakerTitle)}
        </span>
        <label htmlFor="speakerCountry">Speaker&apos;s country (ISO3)</label>
        <span>
          <input id="speakerCountry" name="speakerCountry" defaultValue={analysed.speakerCountry ?? ""} size={4} />
          {hint(suggestions.speakerCountry)}
          <OfferedList id="speakerCountry" offered={suggestions.speakerCountries} replace />
          <label style={{ display: "block" }}>
            <input type="checkbox" name="withoutSpeakerCountry" /> save without a speaker country (the statement is then in no pair and no
            chart)
          </label>
        </span>
        <label htmlFor="counterparts">Counterparts, primary first</label>
        <span>
          <input
            id="counterparts"
            name="counterparts"
            defaultValue={(analysed.pairs.length > 0
              ? analysed.pairs.map((p) => p.counterpartIso3)
              : [...new Set(suggestions.counterpartOptions.map((c) => c.value))]
            ).join(", ")}
            style={{ width: "60%" }}
          />
          <OfferedList id="counterparts" offered={suggestions.counterpartOptions} replace={false} />
        </span>
        <label htmlFor="venue">Venue</label>
        <span>
          <input id="venue" name="venue" defaultValue={analysed.venue ?? ""} />
          {hint(suggestions.venue)}
        </span>
        <label htmlFor="kind">Kind</label>
        <span>
          <input id="kind" name="kind" defaultValue={analysed.kind} />
          {hint(suggestions.kind)}
        </span>
        <label htmlFor="language">Language</label>
        <span>
          <input id="language" name="language" defaultValue={analysed.language} size={4} />
          {hint(suggestions.language)}
        </span>
        <label htmlFor="sourceUrl">Source URL</label>
        <input id="sourceUrl" name="sourceUrl" defaultValue={analysed.sourceUrl ?? draft.sourceUrl ?? ""} style={{ width: "100%" }} />
      </div>
      <p className="notice">
        {analysed.passages.length} passages · themes:{" "}
        {[...new Set(analysed.passages.flatMap((p) => p.tags.map((t) => t.theme)))].join(", ") || "none"} · tone{" "}
        {analysed.tone === null ? "—" : analysed.tone.toFixed(2)}
        {removed.length > 0 && ` · cleaning removed ${removed.length} lines (${[...new Set(removed.map((r) => r.reason))].join(", ")})`}
      </p>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: "1rem" }}>
        <section aria-labelledby="cleaned-heading">
          <h2 id="cleaned-heading">Cleaned text</h2>
          <div className="card" data-testid="cleaned-text" style={{ whiteSpace: "pre-wrap", maxHeight: 480, overflow: "auto" }}>
            {analysed.text}
          </div>
        </section>
        <section aria-labelledby="original-heading">
          <h2 id="original-heading">Original</h2>
          <div className="card" style={{ whiteSpace: "pre-wrap", maxHeight: 480, overflow: "auto", color: "var(--muted)" }}>
            {analysed.originalText}
          </div>
        </section>
      </div>
      <p style={{ display: "flex", gap: "1rem" }}>
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save statement"}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          Back
        </button>
      </p>
    </form>
  );
}
