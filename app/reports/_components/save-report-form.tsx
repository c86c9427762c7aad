"use client";

import { useActionState } from "react";
import { saveReportAction } from "@/app/reports/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Saves the previewed report under a name, to run again later on newer data. */
export function SaveReportForm({ query, name }: { query: string; name: string }) {
  const [state, submit, pending] = useActionState(saveReportAction, null);
  return (
    <form action={submit} className="filters" aria-label="Save this report">
      <input type="hidden" name="query" value={query} />
      <label>
        Save as
        <input name="name" required maxLength={120} defaultValue={name} />
      </label>
      <button type="submit" disabled={pending}>
        Save report
      </button>
      <ActionOutcome state={state}>{() => "Saved. It is listed under Saved reports below."}</ActionOutcome>
    </form>
  );
}
