"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { deleteView, replaceFeedToken, saveView } from "@/lib/dal/saved-views";
import { shortLinkFor } from "@/lib/dal/short-links";

const fields = z.object({ name: z.string().default(""), query: z.string().max(4000, "those filters are too long to save") });
const viewId = z.coerce.number().int().positive();
const unclear = { ok: false as const, error: "That request was not understood." };

export async function saveViewAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = fields.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]?.message ?? unclear.error };
  const result = await runAction((ctx) => saveView(ctx, parsed.data));
  if (result.ok) revalidatePath("/dashboard");
  return result;
}

export async function deleteViewAction(form: FormData) {
  if (!(form instanceof FormData)) return;
  const id = viewId.safeParse(form.get("id"));
  if (!id.success) return;
  await runAction((ctx) => deleteView(ctx, id.data));
  revalidatePath("/views");
  revalidatePath("/dashboard");
}

export async function replaceFeedTokenAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const id = viewId.safeParse(form.get("id"));
  if (!id.success) return unclear;
  return runAction((ctx) => replaceFeedToken(ctx, id.data));
}

export async function shortLinkAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = fields.pick({ query: true }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return unclear;
  return runAction((ctx) => shortLinkFor(ctx, parsed.data.query));
}
