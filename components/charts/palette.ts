import type { PairStyle } from "./types";

/** Okabe–Ito: distinguishable with the common forms of colour blindness. Used where the codebook gives no colour. */
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Dash patterns so lines differ by more than colour alone. */
export const DASHES = ["", "6 3", "2 3", "8 3 2 3"];

const MARKERS = ["circle", "square", "triangle", "diamond"] as const;

/** The n-th pair's line style: colour is left to the theme, so a pair keeps its dash and marker on every chart. */
export function pairStyle(index: number): PairStyle {
  return { dash: DASHES[index % DASHES.length]!, marker: MARKERS[index % MARKERS.length]! };
}
