import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { describeIssues } from "@/lib/validation";
import { requestContext } from "./session";

/**
 * Every server action is written as `action(schema, fn)` (it takes a form) or `inputAction(schema, fn)` (client
 * code calls it with values): the argument is parsed with the zod schema, `fn` makes one DAL call with the parsed
 * value (and refreshes the pages it changes), and the answer is an ActionResult the forms render
 * (components/action-outcome.tsx). Refusals are worded in one place, `refusal`.
 */
export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string };

type Refused = { ok: false; error: string };
type Body<S extends z.ZodType, T> = (ctx: DalContext, input: z.output<S>) => Promise<T>;
/** Where the DAL context comes from: the signed-in person of this request (tests pass their own). */
type ContextSource = () => Promise<DalContext>;

/**
 * What an action that takes a form answers when what arrived is not one (a hand-made request with other
 * arguments): a refusal, where reading it as a form would crash into a 500.
 */
export const NOT_A_FORM: Refused = { ok: false, error: "That request was not understood: this action takes a form." };

const UNEXPECTED: Refused = { ok: false, error: "Something went wrong on our side; nothing was saved. Please try again." };

/** The one wording of a refused input: what zod found, or the DAL's own sentence. */
export function refusal(error: z.ZodError | DalError): Refused {
  if (error instanceof DalError) return { ok: false, error: error.message };
  return { ok: false, error: `Nothing was changed: ${describeIssues(error)}.` };
}

/** Parses `input`, runs `fn` on it; refusals become messages, anything unexpected is logged, never shown. */
export async function runParsed<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: Body<S, T>,
  context: ContextSource = requestContext,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return refusal(parsed.error);
  try {
    return { ok: true, value: await fn(await context(), parsed.data) };
  } catch (error) {
    unstable_rethrow(error); // redirect(), notFound() and the like are Next's control flow, not failures
    if (error instanceof DalError) return refusal(error);
    console.error("server action failed", error);
    return UNEXPECTED;
  }
}

/**
 * A server action that takes a form, usable both ways React calls one: `useActionState` passes
 * (previous state, form), `<form action>` and direct calls pass (form). Fields are read with
 * Object.fromEntries, so a repeated field keeps its last value.
 */
export interface FormAction<T> {
  (form: FormData): Promise<ActionResult<T>>;
  (previous: unknown, form: FormData): Promise<ActionResult<T>>;
}

export function action<S extends z.ZodType, T>(schema: S, fn: Body<S, T>, context?: ContextSource): FormAction<T> {
  return async (...args: unknown[]) => {
    const form = args.length > 1 ? args[1] : args[0];
    if (!(form instanceof FormData)) return NOT_A_FORM;
    return runParsed(schema, Object.fromEntries(form), fn, context);
  };
}

/** A server action client code calls with values (an object, an id); the schema says what it takes. */
export function inputAction<S extends z.ZodType, T>(
  schema: S,
  fn: Body<S, T>,
  context?: ContextSource,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) => runParsed(schema, input, fn, context);
}
