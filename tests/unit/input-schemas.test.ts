import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DalError } from "@/lib/dal/errors";
import { parsePage } from "@/lib/dal/filters";
import { readSearchParams } from "@/app/_lib/search-params";
import { MAX_ID, pageNumberSchema, parseId, plainText } from "@/lib/validation";

describe("shared input building blocks", () => {
  it("page numbers are whole numbers from 1 to the last possible page", () => {
    expect(parsePage(undefined)).toBe(1);
    expect(parsePage("3")).toBe(3);
    for (const bad of ["1e22", "0", "-1", "2.5", "x", "Infinity", "100001"]) expect(() => parsePage(bad), bad).toThrow(DalError);
    expect(pageNumberSchema.safeParse("1e22").success).toBe(false);
  });

  it("ids are digits from 1 to 2³¹ − 1; anything else names no record", () => {
    expect(parseId("42")).toBe(42);
    expect(parseId(7)).toBe(7);
    expect(parseId(String(MAX_ID))).toBe(MAX_ID);
    for (const bad of [String(2 ** 31), "99999999999", "1e3", "0x10", "-4", "0", "", "1.5", 2 ** 31, 1.5, null])
      expect(parseId(bad), String(bad)).toBeNull();
  });

  it("free text refuses NUL bytes with a message", () => {
    expect(plainText(10).safeParse(" ok ").data).toBe("ok");
    expect(plainText(10).safeParse("a\u0000b").error?.issues[0]?.message).toMatch(/NUL/);
  });

  it("strict search params name the field that was refused", () => {
    const schema = z.object({ q: plainText(50).optional(), page: pageNumberSchema.default(1) });
    expect(readSearchParams(schema, new URLSearchParams("q=energy&other=x"))).toEqual({ q: "energy", page: 1 });
    expect(() => readSearchParams(schema, new URLSearchParams("q=%00"))).toThrow(/q: text cannot contain NUL/);
    expect(() => readSearchParams(schema, { page: "1e22" })).toThrow(/page/);
  });
});
