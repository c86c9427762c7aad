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
 * What an action that takes a form answers when what arrived is not one (a hand-made request with other
 * arguments): a refusal, where reading it as a form would crash into a 500.
 */
export const NOT_A_FORM = { ok: false as const, error: "That request was not understood: this action takes a form." };
