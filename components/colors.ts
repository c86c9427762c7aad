import { OKABE_ITO } from "./charts/palette";

/* Colour arithmetic for text on theme colours, so labels stay readable (WCAG AA) whatever colour a manager picks. */

/** The colour of a theme the codebook no longer knows (its series are still drawn). */
export const DEFAULT_THEME_COLOR = OKABE_ITO[0]!;

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h.padEnd(6, "0");
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** `share` (0..1) of the colour over white, as a hex colour: a heatmap cell's shade. */
export function mixWithWhite(hex: string, share: number): string {
  const s = Math.min(1, Math.max(0, share));
  return toHex(parseHex(hex).map((c) => 255 + (c - 255) * s) as Rgb);
}

/** Black or white, whichever contrasts more with the background. */
export function readableTextOn(hex: string): "#000000" | "#ffffff" {
  const l = luminance(parseHex(hex));
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}
