"use server";

import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { setPasswordWithLink } from "@/lib/dal/password-links";

/** Public: the one-time link is the proof of who is asking (the DAL ignores any session). */
export async function setPasswordAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z.object({ token: z.string().min(1).max(200), password: z.string().max(200), repeat: z.string().max(200) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: "That request was not understood; nothing was changed." };
  if (parsed.data.password !== parsed.data.repeat) return { ok: false as const, error: "The two passwords differ." };
  return runAction(async (ctx) => (await setPasswordWithLink(ctx, parsed.data)).email);
}
