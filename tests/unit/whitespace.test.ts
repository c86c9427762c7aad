import { describe, expect, it } from "vitest";
import { isTrimSpace } from "@/lib/engine/whitespace";

describe("isTrimSpace", () => {
  it("agrees with String.prototype.trim on every UTF-16 unit", () => {
    const disagree: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      if (isTrimSpace(code) !== (c.trim() === "")) disagree.push(code);
    }
    expect(disagree).toEqual([]);
  });
});
