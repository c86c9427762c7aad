"use server";

import { z } from "zod";
import { inputAction } from "@/lib/auth/action";
import { requestRetrain } from "@/lib/dal/learn";

export const retrainAction = inputAction(z.void(), (ctx) => requestRetrain(ctx));
