"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatTone } from "@/components/format";
import { PassageText } from "@/components/passage-text";
import type { ActionResult } from "@/lib/auth/action";
import type { EditResult } from "@/lib/dal/history";
import type { QueueFilter, ReviewStatement } from "@/lib/dal/review";
import { claimAction, nextInQueueAction } from "../actions";
import {
  acceptSuggestionsAction,
  addSpanTagAction,
  decideTagAction,
  markReviewedAction,
  restoreAction,
  setPairsAction,
  setToneAction,
  togglePassageThemeAction,
  updateMetadataAction,
} from "./actions";
import { HelpOverlay } from "./help-overlay";
import { MetadataForm, PairsForm } from "./metadata-forms";
import { ToneForm } from "./tone-form";
import { describeToneStep } from "@/lib/engine/tone-override";
import { ThemeOptions } from "@/components/theme-options";

type Passage = ReviewStatement["passages"][number];
type Tag = Passage["tags"][number];
type Message = { kind: "error" | "ok"; text: string } | null;

/** Keys 1–9 then 0 pick the first ten themes. */
const THEME_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

/**
 * The tagging reader. Every edit sends the version this page was showing; a refusal (someone else saved first)
 * is shown as it comes, and nothing is retried over the other person's change.
 */
export function Reader({ data, filter }: { data: ReviewStatement; filter: QueueFilter }) {
  const router = useRouter();
  const [ownVersion, setOwnVersion] = useState(0);
  const version = Math.max(data.version, ownVersion);
  const [current, setCurrent] = useState(0);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [undoStack, setUndoStack] = useState<number[]>([]);
  const [help, setHelp] = useState(false);
  const [claim, setClaim] = useState<string | null>(
    data.claim && !data.claim.mine ? `${data.claim.holder} is working on this statement.` : null,
  );
  const passage = data.passages[current];
  const themes = data.themes.slice(0, THEME_KEYS.length);

  useEffect(() => {
    void claimAction(data.id).then((result) => setClaim(result.ok ? null : result.error));
  }, [data.id]);

  useEffect(() => {
    document.getElementById(`passage-${data.passages[current]?.id}`)?.scrollIntoView({ block: "nearest" });
  }, [current, data.passages]);

  async function run(label: string, call: (version: number) => Promise<ActionResult<EditResult>>, remember = true): Promise<boolean> {
    if (pending) return false;
    setPending(true);
    setMessage(null);
    const result = await call(version);
    setPending(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error });
      return false;
    }
    setOwnVersion(result.value.version);
    if (remember) setUndoStack((stack) => [...stack, result.value.auditId]);
    setMessage({ kind: "ok", text: `${label} — saved as version ${result.value.version}.` });
    router.refresh();
    return true;
  }

  const statementId = data.id;
  const decide = (tag: Tag, decision: "accepted" | "rejected") =>
    run(`${tag.themeName} ${decision}`, (v) => decideTagAction({ statementId, version: v, tagId: tag.id, decision }));
  const acceptAll = (passageId: number | null) =>
    run(passageId === null ? "All suggestions accepted" : "Suggestions in this passage accepted", (v) =>
      acceptSuggestionsAction({ statementId, version: v, passageId }),
    );

  function undo() {
    const auditId = undoStack.at(-1);
    if (auditId === undefined) return setMessage({ kind: "error", text: "Nothing of yours to undo on this page." });
    void run("Undone", (v) => restoreAction({ statementId, version: v, auditId }), false).then(
      (ok) => ok && setUndoStack((s) => s.slice(0, -1)),
    );
  }

  async function next() {
    const result = await nextInQueueAction({ filter, afterId: statementId });
    if (!result.ok) return setMessage({ kind: "error", text: result.error });
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
    router.push(result.value === null ? "/review" : `/review/${result.value}${query ? `?${query}` : ""}`);
  }

  async function reviewed() {
    if (await run("Marked reviewed", (v) => markReviewedAction({ statementId, version: v }))) await next();
  }

  function themeKey(index: number) {
    const theme = themes[index];
    if (!theme) return;
    const span = selectedSpan();
    if (span && "problem" in span) return setMessage({ kind: "error", text: span.problem });
    if (span) {
      window.getSelection()?.removeAllRanges();
      void run(`${theme.name} tagged on “${span.text.slice(0, 60)}”`, (v) =>
        addSpanTagAction({ statementId, version: v, theme: theme.slug, ...span.offsets }),
      );
      return;
    }
    if (!passage) return;
    void run(`${theme.name} toggled on ¶${passage.ordinal + 1}`, (v) =>
      togglePassageThemeAction({ statementId, version: v, passageId: passage.id, theme: theme.slug }),
    );
  }

  function handleKey(event: KeyboardEvent) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.target instanceof HTMLElement && event.target.closest("input, select, textarea")) return;
    if (event.key === "Escape" && help) return setHelp(false);
    if (event.key === "?") setHelp((h) => !h);
    else if (help) return;
    else if (event.key === "j") setCurrent((c) => Math.min(data.passages.length - 1, c + 1));
    else if (event.key === "k") setCurrent((c) => Math.max(0, c - 1));
    else if (event.key === "a" && passage) void acceptAll(passage.id);
    else if (event.key === "u") undo();
    else if (event.key === "r") void reviewed();
    else if (event.key === "n") void next();
    else if (THEME_KEYS.includes(event.key)) themeKey(THEME_KEYS.indexOf(event.key));
    else return;
    event.preventDefault();
  }
  // Re-bound on every render so the handler always sees the current passage, version and undo stack.
  // The attribute marks the moment the keys work (after hydration), which the browser tests wait for.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    window.addEventListener("keydown", handleKey);
    root.current?.setAttribute("data-keys-ready", "true");
    return () => window.removeEventListener("keydown", handleKey);
  });

  return (
    <div className="reader" ref={root}>
      <div>
        {claim && (
          <p className="banner" role="status" data-testid="claim-banner">
            {claim}
          </p>
        )}
        {message && (
          <p
            className={message.kind === "error" ? "error" : "notice"}
            role={message.kind === "error" ? "alert" : "status"}
            data-testid="reader-message"
          >
            {message.text}
            {message.kind === "error" && (
              <>
                {" "}
                <button type="button" className="secondary" onClick={() => (setMessage(null), router.refresh())}>
                  Reload
                </button>
              </>
            )}
          </p>
        )}
        <p className="kbd-hint">
          Version{" "}
          <span data-testid="version" data-server-version={data.version}>
            {version}
          </span>{" "}
          · tone {formatTone(data.tone)}
          {data.review?.reviewedAt && ` · reviewed by ${data.review.reviewer ?? "someone"}`} · press <kbd>?</kbd> for keys
        </p>
        {data.statementTags.length > 0 && (
          <div className="tag-row" aria-label="Tags on the whole statement">
            {data.statementTags.map((t) => (
              <TagChip key={t.id} tag={t} onDecide={decide} disabled={pending} />
            ))}
          </div>
        )}
        {data.passages.map((p, i) => (
          <section
            key={p.id}
            id={`passage-${p.id}`}
            className={`passage-block${i === current ? " current" : ""}`}
            data-testid="reader-passage"
            aria-current={i === current ? "true" : undefined}
            onClick={() => setCurrent(i)}
          >
            <div className="notice">
              ¶{p.ordinal + 1} · tone {formatTone(p.tone)}
              {p.toneOverride &&
                ` (set by a person: ${describeToneStep(p.toneOverride.value)}${p.toneOverride.note ? ` — ${p.toneOverride.note}` : ""})`}
            </div>
            <div className="passage-text" data-passage-text="" data-passage-id={p.id} data-start={p.start}>
              <PassageText
                text={p.text}
                offset={p.start}
                tags={p.tags
                  .filter((t) => t.status !== "rejected")
                  .map((t) => ({ theme: t.themeName, color: t.color, evidence: t.evidence }))}
              />
            </div>
            <div className="tag-row">
              {p.tags.map((t) => (
                <TagChip key={t.id} tag={t} onDecide={decide} disabled={pending} />
              ))}
              {p.model.map((m) => (
                <span
                  key={m.theme}
                  className="tag suggested"
                  style={{ "--theme-color": m.color } as React.CSSProperties}
                  data-testid="model-suggestion"
                >
                  <span className="swatch" style={{ background: m.color }} />
                  {m.themeName} · model {Math.round(m.probability * 100)}% · suggested
                  <button
                    type="button"
                    className="secondary"
                    disabled={pending}
                    aria-label={`Accept ${m.themeName} (model)`}
                    onClick={(e) => (
                      e.stopPropagation(),
                      void run(`${m.themeName} accepted from the model`, (v) =>
                        togglePassageThemeAction({ statementId, version: v, passageId: p.id, theme: m.theme }),
                      )
                    )}
                  >
                    ✓
                  </button>
                </span>
              ))}
            </div>
            <AddTheme
              paragraph={`¶${p.ordinal + 1}`}
              themes={data.themes.filter((t) => !p.tags.some((tag) => tag.theme === t.slug && tag.status !== "rejected"))}
              disabled={pending}
              onAdd={(theme) =>
                run(`${theme.name} added to ¶${p.ordinal + 1}`, (v) =>
                  togglePassageThemeAction({ statementId, version: v, passageId: p.id, theme: theme.slug }),
                )
              }
            />
            {i === current && (
              <ToneForm
                label={`Tone of ¶${p.ordinal + 1}`}
                current={p.toneOverride}
                disabled={pending}
                onSave={(value, note) =>
                  run(`Tone of ¶${p.ordinal + 1} set`, (v) => setToneAction({ statementId, version: v, passageId: p.id, value, note }))
                }
              />
            )}
          </section>
        ))}
      </div>
      <aside className="card">
        <h2 style={{ marginTop: 0 }}>Themes</h2>
        <ol className="legend">
          {themes.map((t, i) => (
            <li key={t.slug}>
              <kbd>{THEME_KEYS[i]}</kbd>
              <span className="swatch" style={{ background: t.color }} /> {t.name}
            </li>
          ))}
        </ol>
        <p className="kbd-hint">A number toggles the theme on the current passage, or tags the selected text with it.</p>
        <p style={{ display: "flex", flexWrap: "wrap", gap: "0.4rem" }}>
          <button type="button" onClick={() => void acceptAll(null)} disabled={pending}>
            Accept all suggestions
          </button>
          <button type="button" className="secondary" onClick={undo} disabled={pending || undoStack.length === 0}>
            Undo
          </button>
          <button type="button" onClick={() => void reviewed()} disabled={pending}>
            Mark reviewed
          </button>
          <button type="button" className="secondary" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
            ?
          </button>
        </p>
        <ToneForm
          label="Tone of the whole statement"
          current={data.toneOverride}
          disabled={pending}
          onSave={(value, note) =>
            run("Statement tone set", (v) => setToneAction({ statementId, version: v, passageId: null, value, note }))
          }
        />
        <MetadataForm
          metadata={data.metadata}
          disabled={pending}
          onSave={(metadata) => run("Metadata saved", (v) => updateMetadataAction({ statementId, version: v, metadata }))}
        />
        <PairsForm
          pairs={data.pairs}
          disabled={pending}
          onSave={(pairs) => run("Pairs saved", (v) => setPairsAction({ statementId, version: v, pairs }))}
        />
      </aside>
      {help && <HelpOverlay themes={themes.map((t, i) => ({ key: THEME_KEYS[i]!, name: t.name }))} onClose={() => setHelp(false)} />}
    </div>
  );
}

/** Adding a theme by pointer, for those who do not use the number keys: the themes the passage does not carry yet. */
function AddTheme({
  paragraph,
  themes,
  disabled,
  onAdd,
}: {
  paragraph: string;
  themes: ReviewStatement["themes"];
  disabled: boolean;
  onAdd: (theme: ReviewStatement["themes"][number]) => unknown;
}) {
  const [chosen, setChosen] = useState("");
  if (themes.length === 0) return null;
  const theme = themes.find((t) => t.slug === chosen);
  return (
    <div className="add-theme" onClick={(e) => e.stopPropagation()}>
      <label>
        <span className="sr-only">Theme to add to {paragraph}</span>
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Add a theme…</option>
          <ThemeOptions themes={themes} />
        </select>
      </label>
      <button type="button" className="secondary" disabled={disabled || !theme} onClick={() => theme && (onAdd(theme), setChosen(""))}>
        Add theme
      </button>
    </div>
  );
}

function TagChip({
  tag,
  onDecide,
  disabled,
}: {
  tag: Tag;
  onDecide: (tag: Tag, decision: "accepted" | "rejected") => void;
  disabled: boolean;
}) {
  const source = tag.origin === "auto" ? `rules${tag.confidence === null ? "" : ` ${Math.round(tag.confidence * 100)}%`}` : "person";
  const evidence = tag.evidence.map((e) => e.phrase).join(", ");
  return (
    <span
      className={`tag ${tag.status}`}
      style={{ "--theme-color": tag.color } as React.CSSProperties}
      data-testid="tag"
      data-status={tag.status}
      title={evidence ? `Evidence: ${evidence}` : undefined}
    >
      <span className="swatch" style={{ background: tag.color }} />
      {tag.themeName} · {source} · {tag.status}
      {tag.spanStart !== null && ` · “${evidence.slice(0, 40)}”`}
      {tag.status !== "accepted" && (
        <button
          type="button"
          className="secondary"
          disabled={disabled}
          aria-label={`Accept ${tag.themeName}`}
          onClick={(e) => (e.stopPropagation(), onDecide(tag, "accepted"))}
        >
          ✓
        </button>
      )}
      {tag.status !== "rejected" && (
        <button
          type="button"
          className="secondary"
          disabled={disabled}
          aria-label={`Reject ${tag.themeName}`}
          onClick={(e) => (e.stopPropagation(), onDecide(tag, "rejected"))}
        >
          ✗
        </button>
      )}
    </span>
  );
}

type SelectedSpan = { offsets: { passageId: number; start: number; end: number }; text: string } | { problem: string };

/** The current text selection as statement offsets (UTF-16, as the server counts), if it lies inside one passage. */
function selectedSpan(): SelectedSpan | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const passageOf = (node: Node) =>
    (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>("[data-passage-text]") ?? null;
  const element = passageOf(range.startContainer);
  if (!element || element !== passageOf(range.endContainer)) return { problem: "Select text inside one passage to tag it." };
  const offsetTo = (container: Node, offset: number) => {
    const before = document.createRange();
    before.selectNodeContents(element);
    before.setEnd(container, offset);
    return before.toString().length;
  };
  const base = Number(element.dataset.start);
  return {
    offsets: {
      passageId: Number(element.dataset.passageId),
      start: base + offsetTo(range.startContainer, range.startOffset),
      end: base + offsetTo(range.endContainer, range.endOffset),
    },
    text: range.toString(),
  };
}
