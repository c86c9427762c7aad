/** The UNSCon developer file (../shared/data/unscon): reading it, and the one meeting the tone scorer may learn from. */
import { readJsonl, sharedData } from "@/scripts/lib/data-path";

export const UNSCON = sharedData("unscon", "unscon-dev.jsonl.gz");
/** Tuning and training use this meeting only (Crimea, 15 March 2014); the others are reported, never learned from. */
export const TRAINING_MEETING = "S/PV.7138";

export interface Edu {
  text: string;
  neg_eval: string | null;
  neg_eval_target_country_iso3: string | null;
}

export interface Excerpt {
  id: string;
  meeting: string;
  speaker_country_iso3: string;
  text: string;
  summary: { n_edus: number; n_neg_eval: number; neg_eval_target_countries: Record<string, number> };
  edus: Edu[];
}

export const readExcerpts = () => readJsonl<Excerpt>(UNSCON);

/** The excerpt as one text, with each EDU's span in it: tone is read in context, then split by unit. */
export function layout(excerpt: Excerpt): { text: string; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  let text = "";
  for (const edu of excerpt.edus) {
    if (text) text += " ";
    spans.push({ start: text.length, end: text.length + edu.text.length });
    text += edu.text;
  }
  return { text, spans };
}
