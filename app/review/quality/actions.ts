"use server";

import { z } from "zod";
import { inputAction } from "@/lib/auth/action";
import { requestRetrain } from "@/lib/dal/tagger-quality";

export const retrainAction = inputAction(z.void(), (ctx) => requestRetrain(ctx));
