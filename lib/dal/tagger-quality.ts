import { desc } from "drizzle-orm";
import { taggerModels } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import { retrainInBackground } from "./internal/tagger-training";

/** The latest model's quality panel: per theme, precision and recall of rules, model and both on held-out passages. */
export async function taggerQuality(ctx: DalContext) {
  await requirePermission(ctx, "tags:write");
  const [latest] = await ctx.db
    .select({
      id: taggerModels.id,
      trainedAt: taggerModels.trainedAt,
      trainingPassages: taggerModels.trainingPassages,
      heldOutPassages: taggerModels.heldOutPassages,
      quality: taggerModels.quality,
    })
    .from(taggerModels)
    .orderBy(desc(taggerModels.id))
    .limit(1);
  return latest ?? null;
}

/** Asks for a retrain now (it runs in the background) and returns at once. */
export async function requestRetrain(ctx: DalContext): Promise<{ started: true }> {
  await requirePermission(ctx, "tags:write");
  void retrainInBackground(ctx.db);
  return { started: true };
}
