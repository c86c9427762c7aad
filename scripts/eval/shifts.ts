/**
 * `npm run eval:shifts`: the shift detector's false-alarm rate on pure-noise series and its detection rate on
 * series with a planted shift (1,000 simulated series each, fixed seed; see lib/engine/shift-simulation.ts).
 * `--series N --seed S` to vary them.
 */
import { detectionRate, evaluateShiftDetector } from "@/lib/engine/shift-simulation";
import { SHIFT_DEFAULTS, SHIFT_LEVEL } from "@/lib/engine/shifts";
import { cliArgs, numberArg } from "@/scripts/lib/cli";

const { values } = cliArgs("usage: npm run eval:shifts -- [--series 1000] [--seed 20]", {
  series: { type: "string" },
  seed: { type: "string" },
});
const result = evaluateShiftDetector(numberArg(values.series, "series", 1000), numberArg(values.seed, "seed", 20));
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `intervals at ${SHIFT_LEVEL * 100}%, baseline = up to ${SHIFT_DEFAULTS.baselinePeriods} earlier periods with coverage (at least ${SHIFT_DEFAULTS.minBaselinePeriods})`,
);
console.log(`${result.series} series per case, seed ${result.seed}`);
console.log(`false alarms on pure noise (any change reported): ${percent(result.falseAlarmRate)}`);
console.log(`detected: attention +0.20 in the latest period:   ${percent(result.attentionDetectionRate)}`);
console.log(`detected: tone −0.30 in the latest period:        ${percent(result.toneDetectionRate)}`);
console.log("detection by size of the planted shift:");
for (const attention of [0.1, 0.2, 0.3, 0.4])
  console.log(`  attention +${attention.toFixed(2)}: ${percent(detectionRate({ attention }, result.series, result.seed))}`);
for (const tone of [-0.2, -0.3, -0.5, -0.7])
  console.log(`  tone ${tone.toFixed(2)}:      ${percent(detectionRate({ tone }, result.series, result.seed))}`);
