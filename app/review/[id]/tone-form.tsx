"use client";

import { useId } from "react";
import { ToneOptions } from "@/components/tone-options";

interface Props {
  label: string;
  current: { value: number; note: string | null } | null;
  disabled: boolean;
  onSave(value: number | null, note: string | null): void;
}

/** A person's tone, −1 (hostile) to +1 (warm) as everywhere, or the machine's; with an optional note on why. */
export function ToneForm({ label, current, disabled, onSave }: Props) {
  const id = useId();
  return (
    <form
      className="tone-form"
      aria-label={label}
      key={`${current?.value ?? "machine"}:${current?.note ?? ""}`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const raw = String(form.get("value"));
        onSave(raw === "machine" ? null : Number(raw), String(form.get("note") ?? "") || null);
      }}
    >
      <label htmlFor={`${id}-value`}>{label}</label>
      <select id={`${id}-value`} name="value" defaultValue={current ? String(current.value) : "machine"}>
        <option value="machine">machine</option>
        <ToneOptions />
      </select>
      <input
        name="note"
        aria-label={`Note on ${label.toLowerCase()}`}
        placeholder="note (optional)"
        defaultValue={current?.note ?? ""}
        maxLength={2000}
      />
      <button type="submit" disabled={disabled}>
        Set tone
      </button>
    </form>
  );
}
