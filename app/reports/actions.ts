"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { DalError } from "@/lib/dal/errors";
import { deleteReport, saveReport } from "@/lib/dal/report-definitions";
import { specFromParams } from "@/lib/export/report-spec";
import { recordIdSchema as id } from "@/lib/validation";
import { describeIssues } from "@/lib/validation";

/** The name and spec are checked by the DAL; the query string is read here, as the report page reads it. */
export const saveReportAction = action(
  z.object({ name: z.string().default(""), query: z.string().default("") }),
  async (ctx, { name, query }) => {
    const spec = specFromParams(new URLSearchParams(query));
    if (!spec.success) throw new DalError("invalid", `This report cannot be saved: ${describeIssues(spec.error)}.`);
    const saved = await saveReport(ctx, { name, spec: spec.data });
    revalidatePath("/reports");
    return saved;
  },
);

export const deleteReportAction = action(z.object({ id }), async (ctx, { id }) => {
  await deleteReport(ctx, id);
  revalidatePath("/reports");
});
