import { requireSignedIn } from "@/lib/auth/session";
import { taggerQuality } from "@/lib/dal/tagger-quality";
import type { Quality } from "@/lib/engine/logistic";
import { RetrainButton } from "./retrain-button";

export const dynamic = "force-dynamic";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const cell = (q: Quality) => `${pct(q.precision)} / ${pct(q.recall)}`;

export default async function QualityPage() {
  const { ctx } = await requireSignedIn("/review/quality", "tags:write");
  const latest = await taggerQuality(ctx);
  return (
    <>
      <h1>Tagger quality</h1>
      <p className="notice">
        The rules (codebook phrases) and a per-theme logistic regression on words and word pairs, trained from staff decisions on reviewed
        statements. Measured on reviewed passages held out from training (one in five): precision / recall against what people settled.
      </p>
      <RetrainButton />
      {!latest ? (
        <p>No model yet: mark some statements reviewed first.</p>
      ) : (
        <>
          <p className="notice">
            Trained {latest.trainedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on {latest.trainingPassages} passages;{" "}
            {latest.heldOutPassages} held out.
          </p>
          <table data-testid="quality-table">
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Passages with it (held out)</th>
                <th scope="col">Rules P / R</th>
                <th scope="col">Model P / R</th>
                <th scope="col">Both P / R</th>
              </tr>
            </thead>
            <tbody>
              {latest.quality.map((q) => (
                <tr key={q.theme}>
                  <td>{q.theme}</td>
                  <td>{q.rules.actual}</td>
                  <td>{cell(q.rules)}</td>
                  <td>{cell(q.model)}</td>
                  <td>{cell(q.both)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
