"use server";

import { runAction } from "@/lib/auth/action";
import { requestRetrain } from "@/lib/dal/learn";

export async function retrainAction() {
  return runAction((ctx) => requestRetrain(ctx));
}
