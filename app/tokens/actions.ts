"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { createApiToken, revokeApiToken } from "@/lib/dal/api-tokens";
import { parseId } from "@/lib/dal/filters";

const newToken = z.object({
  name: z.string().trim().min(1, "name the token").max(100),
  access: z.enum(["read", "write"]).default("read"),
  days: z.coerce.number().int().positive().optional(),
});

export async function createTokenAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = newToken.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]?.message ?? "That request was not understood." };
  const { name, access, days } = parsed.data;
  const result = await runAction((ctx) => createApiToken(ctx, { name, scopes: access === "write" ? ["read", "write"] : ["read"], days }));
  if (result.ok) revalidatePath("/tokens");
  return result;
}

export async function revokeTokenAction(form: FormData) {
  if (!(form instanceof FormData)) return;
  const id = parseId(form.get("id"));
  if (id === null) return;
  await runAction((ctx) => revokeApiToken(ctx, id));
  revalidatePath("/tokens");
}
