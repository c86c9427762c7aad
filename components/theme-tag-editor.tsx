"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/auth/action";
import { readableTextOn } from "@/components/colors";
import { ActionOutcome } from "@/components/action-outcome";

interface Props {
  statementId: number;
  version: number;
  themes: { slug: string; name: string; color: string; tagged: boolean }[];
  action: (previous: ActionResult<{ version: number }> | null, form: FormData) => Promise<ActionResult<{ version: number }>>;
}

/** Staff add or remove a theme on the whole statement; each change carries the version it was made against. */
export function ThemeTagEditor({ statementId, version, themes, action }: Props) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <section className="card" aria-labelledby="tag-editor">
      <h2 id="tag-editor">Themes (staff)</h2>
      <ActionOutcome state={state} className="notice">
        {() => "Saved."}
      </ActionOutcome>
      <ul style={{ listStyle: "none", padding: 0, display: "flex", flexWrap: "wrap", gap: "0.5rem" }}>
        {themes.map((t) => (
          <li key={t.slug}>
            <form action={submit}>
              <input type="hidden" name="statementId" value={statementId} />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="theme" value={t.slug} />
              <input type="hidden" name="change" value={t.tagged ? "remove" : "add"} />
              <button
                type="submit"
                disabled={pending}
                className={t.tagged ? "" : "secondary"}
                style={t.tagged ? { background: t.color, borderColor: t.color, color: readableTextOn(t.color) } : undefined}
                aria-pressed={t.tagged}
              >
                {t.tagged ? `Remove ${t.name}` : `Add ${t.name}`}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
