"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ToneOptions } from "@/components/tone-options";
import type { codingTask } from "@/lib/dal/agreement";
import { submitCodingAction } from "../../agreement/actions";

type Task = Awaited<ReturnType<typeof codingTask>>;

export function CodingForm({ task }: { task: Task }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const answers = task.passages.map((p) => {
          const tone = String(form.get(`tone-${p.id}`) ?? "");
          return { passageId: p.id, themes: form.getAll(`theme-${p.id}`).map(String), tone: tone === "" ? null : Number(tone) };
        });
        const result = await submitCodingAction({ assignmentId: task.id, answers });
        setMessage(result.ok ? { error: false, text: "Submitted." } : { error: true, text: result.error });
        if (result.ok) router.refresh();
      }}
    >
      {task.passages.map((p) => (
        <fieldset key={p.id} className="card" data-testid="coding-passage">
          <legend>¶{p.ordinal + 1}</legend>
          <p style={{ whiteSpace: "pre-wrap" }}>{p.text}</p>
          {task.themes.map((t) => (
            <label key={t.slug} style={{ marginRight: "0.75rem", fontSize: "0.9rem" }}>
              <input type="checkbox" name={`theme-${p.id}`} value={t.slug} defaultChecked={p.themes.includes(t.slug)} /> {t.name}
            </label>
          ))}
          <label>
            Tone{" "}
            <select name={`tone-${p.id}`} defaultValue={p.tone === null ? "" : String(p.tone)}>
              <option value="">none</option>
              <ToneOptions />
            </select>
          </label>
        </fieldset>
      ))}
      {message && (
        <p className={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      <button type="submit">{task.submittedAt ? "Submit again" : "Submit"}</button>
    </form>
  );
}
