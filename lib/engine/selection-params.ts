/**
 * A selection of pairs, themes and period (the dashboard's filters, a saved view, a report) as the URL
 * parameters every page and route reads back: pair=USA>AZE and theme=… repeated, both=1, from, to, language, interval,
 * measure, then what only some selections have: scale (the dashboard), section=… and top (a report).
 */
export interface Selection {
  pairs: readonly { speaker: string; counterpart: string }[];
  themes: readonly string[];
  bothDirections: boolean;
  from?: string;
  to?: string;
  language?: string;
  interval: string;
  measure: string;
  scale?: string;
  sections?: readonly string[];
  passagesPerTheme?: number;
}

export function selectionToParams(selection: Selection): URLSearchParams {
  const params = new URLSearchParams();
  for (const p of selection.pairs) params.append("pair", `${p.speaker}>${p.counterpart}`);
  for (const t of selection.themes) params.append("theme", t);
  if (selection.bothDirections) params.set("both", "1");
  if (selection.from) params.set("from", selection.from);
  if (selection.to) params.set("to", selection.to);
  if (selection.language) params.set("language", selection.language);
  params.set("interval", selection.interval);
  params.set("measure", selection.measure);
  if (selection.scale) params.set("scale", selection.scale);
  for (const s of selection.sections ?? []) params.append("section", s);
  if (selection.passagesPerTheme !== undefined) params.set("top", String(selection.passagesPerTheme));
  return params;
}
