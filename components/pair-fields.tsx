"use client";

import { useState } from "react";

interface PairOption {
  speaker: string;
  counterpart: string;
  speakerName: string;
  counterpartName: string;
  statements: number;
}

/**
 * The four pair fields of the dashboard filters, sharing one list of suggestions. The list (hundreds of pairs)
 * is fetched when a field is first focused rather than rendered into every page: any pair can be typed anyway.
 */
export function PairFields({ chosen }: { chosen: string[] }) {
  const [options, setOptions] = useState<PairOption[] | null>(null);
  const [loading, setLoading] = useState(false);

  async function loadOptions() {
    if (options || loading) return;
    setLoading(true);
    const response = await fetch("/api/v1/pairs").catch(() => null);
    if (response?.ok) setOptions(((await response.json()) as { pairs: PairOption[] }).pairs);
    setLoading(false);
  }

  return (
    <>
      <datalist id="pair-options">
        {options?.map((p) => (
          <option key={`${p.speaker}>${p.counterpart}`} value={`${p.speaker}>${p.counterpart}`}>
            {p.speakerName} → {p.counterpartName} ({p.statements})
          </option>
        ))}
      </datalist>
      {[0, 1, 2, 3].map((i) => (
        <label key={i}>
          {i === 0 ? "Country pair (speaker → counterpart)" : `Compare with pair ${i + 1}`}
          <input
            name="pair"
            list="pair-options"
            defaultValue={chosen[i] ?? ""}
            required={i === 0}
            pattern=".*\S.*[>→\-].*\S.*"
            title="Speaker and counterpart by name or ISO code, e.g. Armenia > Azerbaijan or USA>AZE"
            placeholder={i === 0 ? "USA>AZE" : "optional"}
            autoComplete="off"
            size={18}
            onFocus={loadOptions}
          />
        </label>
      ))}
    </>
  );
}
