import { TONE_OVERRIDE_MAX, TONE_OVERRIDE_MIN } from "@/lib/engine/tone-override";

/** The options of a person's tone, −2 (hostile) to +2 (warm), for a select that adds its own "none" choice. */
export function ToneOptions() {
  const values = Array.from({ length: TONE_OVERRIDE_MAX - TONE_OVERRIDE_MIN + 1 }, (_, i) => TONE_OVERRIDE_MIN + i);
  return values.map((v) => (
    <option key={v} value={v}>
      {v > 0 ? `+${v}` : v}
    </option>
  ));
}
