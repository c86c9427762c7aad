"use client";

import { useActionState } from "react";
import { updateThemeRulesAction } from "@/app/codebook/actions";
import type { ThemeDefinition } from "@/lib/engine/types";

/** A manager edits one theme's rules; saving makes a new codebook version and re-tags in the background. */
export function ThemeRulesEditor({ theme, version }: { theme: ThemeDefinition; version: number }) {
  const [state, submit, pending] = useActionState(updateThemeRulesAction, null);
  return (
    <form action={submit} aria-label={`Rules of ${theme.name}`}>
      <input type="hidden" name="slug" value={theme.slug} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state?.ok && <p role="status">Saved as codebook version {state.value.version}; re-tagging runs in the background.</p>}
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: "1rem" }}>
        <label>
          Phrases, one per line (word* for any ending, &quot;: 2&quot; for a weight)
          <textarea name="phrases" rows={8} defaultValue={theme.rules.phrases.join("\n")} style={{ width: "100%", fontFamily: "monospace" }} />
        </label>
        <label>
          Exclusions (cancel a match they overlap)
          <textarea name="exclusions" rows={8} defaultValue={theme.rules.exclusions.join("\n")} style={{ width: "100%", fontFamily: "monospace" }} />
        </label>
      </div>
      <p style={{ display: "flex", gap: "1rem", alignItems: "center" }}>
        <label>
          Weight <input name="weight" type="number" step="0.1" min="0" max="10" defaultValue={theme.rules.weight} style={{ width: "5rem" }} />
        </label>
        <label>
          Evidence needed <input name="threshold" type="number" step="0.1" min="0.1" max="20" defaultValue={theme.rules.threshold ?? 1} style={{ width: "5rem" }} />
        </label>
        <label>
          <input name="enabled" type="checkbox" defaultChecked={theme.enabled} /> Enabled
        </label>
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save rules"}
        </button>
      </p>
    </form>
  );
}
