import { customType, index, integer, pgTable, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { importJobs } from "./import-jobs";
import { users } from "./users";

/** Raw bytes; node-postgres hands back a Buffer and PGlite a Uint8Array, both read as a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A bulk file staff uploaded, waiting for its column mapping and then for its import to finish. Kept in the
 * database, not on one server's disk: the upload, the start and the worker that imports it may each be a
 * different instance. Deleted when its import ends, or after an hour if nobody starts one.
 */
export const stagedUploads = pgTable(
  "staged_uploads",
  {
    id: varchar("id", { length: 32 }).primaryKey(),
    name: text("name").notNull(),
    bytes: bytea("bytes").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    /** Set once, when the import starts: a staged file feeds one import only. */
    importJobId: integer("import_job_id").references(() => importJobs.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staged_uploads_import_job_idx").on(t.importJobId)],
);
