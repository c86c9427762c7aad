import type { ActionResult } from "@/lib/auth/action";

/** What a form's server action answered: its error as an alert, or what it did as a status line. */
export function ActionOutcome<T>({
  state,
  className,
  children,
}: {
  state: ActionResult<T> | null;
  className?: string;
  children?: (value: T) => React.ReactNode;
}) {
  if (!state) return null;
  if (!state.ok)
    return (
      <p className="error" role="alert">
        {state.error}
      </p>
    );
  return (
    <p role="status" className={className}>
      {children ? children(state.value) : String(state.value)}
    </p>
  );
}
