"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ToneOptions } from "@/components/tone-options";
import { adjudicateAction } from "../actions";

interface Item {
  passageId: number;
  ordinal: number;
  title: string;
  text: string;
  themes: string[];
  tone: boolean;
  adjudicated: boolean;
  codes: { coder: string; themes: string[]; tone: number | null }[];
}

/** One statement's disputed passages: what each coder said, and the settled answer, which becomes the accepted tags. */
export function AdjudicateForm({
  sampleId,
  statementId,
  version,
  themes,
  items,
}: {
  sampleId: number;
  statementId: number;
  version: number;
  themes: { slug: string; name: string }[];
  items: Item[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  return (
    <form
      className="card"
      aria-label={`Adjudicate ${items[0]?.title}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const passages = items.map((item) => {
          const tone = String(form.get(`tone-${item.passageId}`) ?? "");
          return {
            passageId: item.passageId,
            themes: form.getAll(`theme-${item.passageId}`).map(String),
            tone: tone === "" ? null : Number(tone),
          };
        });
        const result = await adjudicateAction({ sampleId, statementId, version, passages });
        setMessage(
          result.ok ? { error: false, text: `Settled — saved as version ${result.value.version}.` } : { error: true, text: result.error },
        );
        if (result.ok) router.refresh();
      }}
    >
      <h3 style={{ marginTop: 0 }}>
        {items[0]?.title} {items.every((i) => i.adjudicated) && <span className="notice">(settled)</span>}
      </h3>
      {message && (
        <p className={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {items.map((item) => {
        const union = new Set(item.codes.flatMap((c) => c.themes));
        const majority = [...union].filter((t) => item.codes.filter((c) => c.themes.includes(t)).length * 2 >= item.codes.length);
        return (
          <fieldset key={item.passageId} data-testid="disagreement">
            <legend>¶{item.ordinal + 1}</legend>
            <p style={{ whiteSpace: "pre-wrap" }}>{item.text}</p>
            <ul>
              {item.codes.map((c) => (
                <li key={c.coder}>
                  {c.coder}: {c.themes.join(", ") || "no theme"} · tone {c.tone ?? "none"}
                </li>
              ))}
            </ul>
            {themes
              .filter((t) => union.has(t.slug))
              .map((t) => (
                <label key={t.slug} style={{ marginRight: "1rem" }}>
                  <input type="checkbox" name={`theme-${item.passageId}`} value={t.slug} defaultChecked={majority.includes(t.slug)} />{" "}
                  {t.name}
                </label>
              ))}
            <label>
              Tone{" "}
              <select name={`tone-${item.passageId}`} defaultValue={String(item.codes[0]?.tone ?? "")}>
                <option value="">none</option>
                <ToneOptions />
              </select>
            </label>
          </fieldset>
        );
      })}
      <button type="submit">Settle these as accepted tags</button>
    </form>
  );
}
