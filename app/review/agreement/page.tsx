import Link from "next/link";
import { requireSignedIn } from "@/lib/auth/session";
import { listSamples } from "@/lib/dal/agreement";
import { SampleForm } from "./sample-form";

export const dynamic = "force-dynamic";

export default async function AgreementPage() {
  const { ctx } = await requireSignedIn("/review/agreement", "codebook:manage");
  const { samples, coders } = await listSamples(ctx);
  return (
    <>
      <h1>Agreement between coders</h1>
      <p className="notice">
        Each coder codes the sampled statements blind: passage text only, no suggestions, nobody else&apos;s answers. Figures:
        Krippendorff&apos;s alpha (nominal for themes, interval and ordinal for tone) over all coders, Cohen&apos;s kappa per pair of
        coders.
      </p>
      <SampleForm coders={coders} />
      <h2>Samples</h2>
      <ul>
        {samples.map((s) => (
          <li key={s.id}>
            <Link href={`/review/agreement/${s.id}`}>{s.name}</Link> — {s.submitted} of {s.assignments} codings submitted
          </li>
        ))}
      </ul>
    </>
  );
}
