import { describeToneStep, TONE_OVERRIDE_MAX, TONE_OVERRIDE_MIN } from "@/lib/engine/tone-override";

/** A person's tone on the one scale shown everywhere (−1 hostile … +1 warm), for a select that adds its own "none" choice. */
export function ToneOptions() {
  const values = Array.from({ length: TONE_OVERRIDE_MAX - TONE_OVERRIDE_MIN + 1 }, (_, i) => TONE_OVERRIDE_MIN + i);
  return values.map((v) => (
    <option key={v} value={v}>
      {describeToneStep(v)}
    </option>
  ));
}
