import "server-only";
import { DalError } from "@/lib/dal/errors";
import type { DalContext } from "@/lib/dal/context";
import { requestContext } from "./session";

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string };

/** Runs a DAL call for a server action: refusals become messages, anything unexpected is logged, never shown. */
export async function runAction<T>(call: (ctx: DalContext) => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await call(await requestContext()) };
  } catch (error) {
    if (error instanceof DalError) return { ok: false, error: error.message };
    console.error("server action failed", error);
    return { ok: false, error: "Something went wrong on our side; nothing was saved. Please try again." };
  }
}

/**
 * The fields of a form posted to a server action, or null when what arrived is not a form at all (a hand-made
 * request): a zod parse of null fails, so the action answers "not understood" instead of crashing.
 */
export function formFields(form: unknown): Record<string, FormDataEntryValue> | null {
  return form instanceof FormData ? Object.fromEntries(form) : null;
}
