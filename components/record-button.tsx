"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/auth/action";
import { ActionOutcome } from "@/components/action-outcome";

/**
 * One button that runs a server action on one record of a list (delete, revoke); the page refreshes from the
 * action, and a refusal shows beside the button.
 */
export function RecordButton<T>({
  action,
  id,
  label,
  ariaLabel,
}: {
  action: (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
  id: number;
  label: string;
  ariaLabel?: string;
}) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending} aria-label={ariaLabel}>
        {label}
      </button>
      {state && !state.ok && <ActionOutcome state={state} />}
    </form>
  );
}
