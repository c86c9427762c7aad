"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { previewRulesAction, updateThemeRulesAction } from "@/app/codebook/actions";
import { THEMES_RU } from "@/lib/engine/themes-ru";
import type { ThemeDefinition } from "@/lib/engine/types";
import type { PreviewPassage, Quality, RulePreview } from "@/lib/dal/codebook-preview";
import { ActionOutcome } from "@/components/action-outcome";

const PREVIEW_DELAY_MS = 400;

/**
 * A manager edits one theme's rules and sees, as they type, what the draft would tag on recent statements and
 * how precision and recall would move on reviewed ones; saving makes a new codebook version and re-tags in the
 * background.
 */
export function ThemeRulesEditor({ theme, version }: { theme: ThemeDefinition; version: number }) {
  const [state, submit, pending] = useActionState(updateThemeRulesAction, null);
  const [preview, setPreview] = useState<{ ok: true; value: RulePreview } | { ok: false; error: string } | null>(null);
  const [previewing, startPreview] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const schedulePreview = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const data = new FormData(form.current);
      startPreview(async () => setPreview(await previewRulesAction(data)));
    }, PREVIEW_DELAY_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  // A codebook saved before Russian rules existed is read with the default Russian rules of the theme: shown so.
  const ru = theme.rules.ru ?? THEMES_RU[theme.slug] ?? { phrases: [] };
  const area = (name: string, label: string, value: string[], rows = 8) => (
    <label>
      {label}
      <textarea name={name} rows={rows} defaultValue={value.join("\n")} style={{ width: "100%", fontFamily: "monospace" }} />
    </label>
  );

  return (
    <form ref={form} action={submit} onInput={schedulePreview} aria-label={`Rules of ${theme.name}`}>
      <input type="hidden" name="slug" value={theme.slug} />
      <input type="hidden" name="version" value={version} />
      <ActionOutcome state={state}>
        {(saved) => `Saved as codebook version ${saved.version}; re-tagging runs in the background.`}
      </ActionOutcome>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr", gap: "1rem" }}>
        {area("phrases", 'Phrases, one per line (word* for any ending, ": 2" for a weight)', theme.rules.phrases)}
        {area("aliases", "Aliases: other names, each enough on its own", theme.rules.aliases ?? [])}
        {area("exclusions", "Exclusions (cancel a match in the same sentence)", theme.rules.exclusions)}
      </div>
      <fieldset lang="ru" style={{ display: "grid", gridTemplateColumns: "2fr 1fr", gap: "1rem", border: 0, padding: 0 }}>
        <legend>Russian rules (matched on word stems: one form reaches every case; word* for any ending)</legend>
        {area("ruPhrases", "Russian phrases, one per line", ru.phrases, 6)}
        {area("ruExclusions", "Russian exclusions", ru.exclusions ?? [], 6)}
      </fieldset>
      <p style={{ display: "flex", gap: "1rem", alignItems: "center", flexWrap: "wrap" }}>
        <label>
          Weight{" "}
          <input name="weight" type="number" step="0.1" min="0" max="10" defaultValue={theme.rules.weight} style={{ width: "5rem" }} />
        </label>
        <label>
          Evidence needed{" "}
          <input
            name="threshold"
            type="number"
            step="0.1"
            min="0.1"
            max="20"
            defaultValue={theme.rules.threshold ?? 1}
            style={{ width: "5rem" }}
          />
        </label>
        <label>
          <input name="enabled" type="checkbox" defaultChecked={theme.enabled} /> Enabled
        </label>
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save rules"}
        </button>
        {previewing && <span className="notice">previewing…</span>}
      </p>
      {preview && <PreviewPanel preview={preview} />}
    </form>
  );
}

function PreviewPanel({ preview }: { preview: { ok: true; value: RulePreview } | { ok: false; error: string } }) {
  if (!preview.ok) {
    return (
      <p className="error" role="alert" data-testid="preview-error">
        {preview.error}
      </p>
    );
  }
  const { sample, passages, reviewed } = preview.value;
  return (
    <section aria-label="Live preview" data-testid="rule-preview" className="card">
      <p>
        On the {sample.statements} most recent statements: <strong>{sample.passagesNow}</strong> passages tagged now,{" "}
        <strong data-testid="preview-draft-count">{sample.passagesDraft}</strong> with this draft.
      </p>
      <table>
        <caption>On {reviewed.statements} statements people reviewed for this theme (accepted or rejected)</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">precision</th>
            <th scope="col">recall</th>
            <th scope="col">right / wrong / missed</th>
          </tr>
        </thead>
        <tbody>
          <QualityRow label="saved rules" q={reviewed.now} />
          <QualityRow label="this draft" q={reviewed.draft} testId="preview-draft-quality" />
          {reviewed.byLanguage.length > 1 &&
            reviewed.byLanguage.flatMap((l) => [
              <QualityRow key={`${l.language}-now`} label={`saved rules, ${l.language} (${l.statements})`} q={l.now} />,
              <QualityRow
                key={`${l.language}-draft`}
                label={`this draft, ${l.language} (${l.statements})`}
                q={l.draft}
                testId={`preview-draft-quality-${l.language}`}
              />,
            ])}
        </tbody>
      </table>
      {passages.map((p, i) => (
        <PassageMatch key={i} passage={p} />
      ))}
    </section>
  );
}

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

function QualityRow({ label, q, testId }: { label: string; q: Quality; testId?: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td>{percent(q.precision)}</td>
      <td>{percent(q.recall)}</td>
      <td>
        {q.truePositives} / {q.falsePositives} / {q.falseNegatives}
      </td>
    </tr>
  );
}

const CHANGE_LABEL = { added: "newly tagged", dropped: "no longer tagged", kept: "still tagged" } as const;

function PassageMatch({ passage }: { passage: PreviewPassage }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [k, e] of [...passage.evidence].sort((a, b) => a.start - b.start).entries()) {
    if (e.start < at) continue;
    parts.push(passage.excerpt.slice(at, e.start));
    parts.push(
      <mark key={k} title={e.phrase}>
        {passage.excerpt.slice(e.start, e.end)}
      </mark>,
    );
    at = e.end;
  }
  parts.push(passage.excerpt.slice(at));
  return (
    <div className="passage" data-testid="preview-passage" data-change={passage.change}>
      <div className="meta">
        <strong>{CHANGE_LABEL[passage.change]}</strong> · {passage.title} ·{" "}
        <span data-testid="preview-passage-language">{passage.language}</span>
      </div>
      <p lang={passage.language}>…{parts}…</p>
    </div>
  );
}
