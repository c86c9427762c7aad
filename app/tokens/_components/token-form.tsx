"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/app/tokens/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Creates a personal API token (read-only unless asked, with a lifetime) and shows its secret once. */
export function TokenForm({ lifetimes }: { lifetimes: readonly number[] }) {
  const [state, submit, pending] = useActionState(createTokenAction, null);
  return (
    <form action={submit} className="filters" aria-label="Create a token">
      <label>
        Name
        <input name="name" required maxLength={100} placeholder="R notebook" />
      </label>
      <label>
        Access
        <select name="access" defaultValue="read">
          <option value="read">read only</option>
          <option value="write">read and write</option>
        </select>
      </label>
      <label>
        Expires after
        <select name="days" defaultValue={lifetimes[0]}>
          {lifetimes.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>
        Create token
      </button>
      <ActionOutcome state={state}>
        {(created) => (
          <>
            Copy it now, it is shown only once: <code data-testid="new-token">{created.token}</code>
          </>
        )}
      </ActionOutcome>
    </form>
  );
}
