"use client";

import type { ReviewStatement } from "@/lib/dal/review";

type Metadata = ReviewStatement["metadata"];
type Pair = { speakerIso3: string; counterpartIso3: string; isPrimary: boolean };

const FIELDS: [keyof Metadata, string][] = [
  ["title", "Title"],
  ["date", "Date (YYYY-MM-DD)"],
  ["speakerName", "Speaker"],
  ["speakerTitle", "Speaker's title"],
  ["speakerCountry", "Speaker's country (ISO3)"],
  ["venue", "Venue"],
  ["sourceUrl", "Source address"],
  ["kind", "Kind"],
];

export function MetadataForm({ metadata, disabled, onSave }: { metadata: Metadata; disabled: boolean; onSave(metadata: Metadata): void }) {
  return (
    <details>
      <summary>Metadata</summary>
      <form
        key={JSON.stringify(metadata)}
        style={{ display: "flex", flexDirection: "column", gap: "0.4rem" }}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = (name: string) => String(form.get(name) ?? "");
          const precision = text("datePrecision");
          onSave({
            title: text("title"),
            date: text("date") || null,
            datePrecision: precision === "day" || precision === "month" || precision === "year" ? precision : null,
            speakerName: text("speakerName"),
            speakerTitle: text("speakerTitle"),
            speakerCountry: text("speakerCountry"),
            venue: text("venue"),
            sourceUrl: text("sourceUrl"),
            kind: text("kind"),
          });
        }}
      >
        {FIELDS.map(([name, label]) => (
          <label key={name} style={{ display: "flex", flexDirection: "column", fontSize: "0.85rem" }}>
            {label}
            <input name={name} defaultValue={metadata[name] ?? ""} />
          </label>
        ))}
        <label style={{ display: "flex", flexDirection: "column", fontSize: "0.85rem" }}>
          Date known to the
          <select name="datePrecision" defaultValue={metadata.datePrecision ?? "day"}>
            <option value="day">day</option>
            <option value="month">month</option>
            <option value="year">year</option>
          </select>
        </label>
        <button type="submit" disabled={disabled}>
          Save metadata
        </button>
      </form>
    </details>
  );
}

/** Pairs as lines "USA AZE", the primary one marked with a star: quick to edit from the keyboard. */
export function PairsForm({ pairs, disabled, onSave }: { pairs: Pair[]; disabled: boolean; onSave(pairs: Pair[]): void }) {
  const text = pairs.map((p) => `${p.speakerIso3} ${p.counterpartIso3}${p.isPrimary ? " *" : ""}`).join("\n");
  return (
    <details>
      <summary>Country pairs</summary>
      <form
        key={text}
        style={{ display: "flex", flexDirection: "column", gap: "0.4rem" }}
        onSubmit={(event) => {
          event.preventDefault();
          const lines = String(new FormData(event.currentTarget).get("pairs") ?? "")
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean);
          onSave(
            lines.map((line) => {
              const [speakerIso3 = "", counterpartIso3 = ""] = line.replace("*", "").replace(/→|>/g, " ").trim().split(/\s+/);
              return { speakerIso3, counterpartIso3, isPrimary: line.includes("*") };
            }),
          );
        }}
      >
        <label style={{ display: "flex", flexDirection: "column", fontSize: "0.85rem" }}>
          One pair a line, speaker then counterpart; * marks the primary
          <textarea name="pairs" rows={Math.max(3, pairs.length + 1)} defaultValue={text} />
        </label>
        <button type="submit" disabled={disabled}>
          Save pairs
        </button>
      </form>
    </details>
  );
}
