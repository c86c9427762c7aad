"use server";

import { revalidatePath } from "next/cache";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { parseId } from "@/lib/dal/filters";
import { deleteReport, saveReport } from "@/lib/dal/report-definitions";
import { describeSpecIssues, specFromParams } from "@/lib/export/report-spec";

export async function saveReportAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const spec = specFromParams(new URLSearchParams(String(form.get("query") ?? "")));
  if (!spec.success) return { ok: false as const, error: `This report cannot be saved: ${describeSpecIssues(spec.error)}.` };
  const result = await runAction((ctx) => saveReport(ctx, { name: String(form.get("name") ?? ""), spec: spec.data }));
  if (result.ok) revalidatePath("/reports");
  return result;
}

export async function deleteReportAction(form: FormData) {
  if (!(form instanceof FormData)) return;
  const id = parseId(form.get("id"));
  if (id === null) return;
  await runAction((ctx) => deleteReport(ctx, id));
  revalidatePath("/reports");
}
