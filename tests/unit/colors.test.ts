import { describe, expect, it } from "vitest";
import { mixWithWhite, readableTextOn } from "@/components/colors";
import { OKABE_ITO } from "@/components/charts/palette";

/** WCAG contrast ratio between two hex colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("text on theme colours", () => {
  it("picks black on light colours and white on dark ones", () => {
    expect(readableTextOn("#F0E442")).toBe("#000000");
    expect(readableTextOn("#ffffff")).toBe("#000000");
    expect(readableTextOn("#000000")).toBe("#ffffff");
    expect(readableTextOn("#0072B2")).toBe("#ffffff");
  });

  it("reaches the WCAG AA ratio for small text on every palette colour and heatmap shade", () => {
    for (const colour of OKABE_ITO) {
      for (const share of [0, 0.1, 0.35, 0.5, 0.75, 1]) {
        const shade = mixWithWhite(colour, share);
        expect(contrast(shade, readableTextOn(shade)), `${colour} at ${share}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("mixes a colour with white by share", () => {
    expect(mixWithWhite("#000000", 0)).toBe("#ffffff");
    expect(mixWithWhite("#000000", 1)).toBe("#000000");
    expect(mixWithWhite("#0072B2", 0.5)).toBe("#80b9d9");
  });
});
