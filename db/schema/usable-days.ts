/**
 * The days a statement or event may carry, as the database's check sees them. The same range as
 * lib/engine/dates.ts (the schema cannot import the engine); tests/unit/usable-days.test.ts keeps them equal.
 */
export const USABLE_DAYS = { from: "1800-01-01", to: "2100-12-31" } as const;
