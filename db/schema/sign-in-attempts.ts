import { boolean, index, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";

/** Every sign-in attempt, kept as the log behind throttling: who tried which account, from where, and when. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    ip: varchar("ip", { length: 64 }),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.email, t.at), index("sign_in_attempts_ip_idx").on(t.ip, t.at)],
);
