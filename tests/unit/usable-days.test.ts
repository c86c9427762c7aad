import { expect, it } from "vitest";
import { USABLE_DAYS } from "@/db/schema/usable-days";
import { EARLIEST_DAY, LATEST_DAY } from "@/lib/engine/dates";

it("the database checks the same usable days as every entry", () => {
  expect(USABLE_DAYS).toEqual({ from: EARLIEST_DAY, to: LATEST_DAY });
});
