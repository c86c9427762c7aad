import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["analyst", "staff", "manager", "admin"]);
export const datePrecisionEnum = pgEnum("date_precision", ["day", "month", "year"]);
export const pairOriginEnum = pgEnum("pair_origin", ["metadata", "mention", "manual"]);
export const tagOriginEnum = pgEnum("tag_origin", ["auto", "human"]);
export const tagStatusEnum = pgEnum("tag_status", ["suggested", "accepted", "rejected"]);
