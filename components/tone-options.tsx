import { overrideTone, TONE_OVERRIDE_MAX, TONE_OVERRIDE_MIN, TONE_OVERRIDE_WORDS } from "@/lib/engine/tone-override";
import { formatTone } from "./format";

/** A person's tone on the one scale shown everywhere (−1 hostile … +1 warm), for a select that adds its own "none" choice. */
export function ToneOptions() {
  const values = Array.from({ length: TONE_OVERRIDE_MAX - TONE_OVERRIDE_MIN + 1 }, (_, i) => TONE_OVERRIDE_MIN + i);
  return values.map((v) => (
    <option key={v} value={v}>
      {personTone(v)}
    </option>
  ));
}

/** "−0.50 critical": a person's tone step as people read it. */
export function personTone(step: number): string {
  return `${formatTone(overrideTone(step))} ${TONE_OVERRIDE_WORDS[step] ?? ""}`.trim();
}
