import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requireSignedIn } from "@/lib/auth/session";
import { sampleReport } from "@/lib/dal/agreement";
import { AdjudicateForm } from "./adjudicate-form";
import { parseId } from "@/lib/validation";

export const dynamic = "force-dynamic";

const fmt = (v: number | null) => (v === null ? "—" : v.toFixed(3));

export default async function SamplePage({ params }: { params: Promise<{ sampleId: string }> }) {
  const { sampleId: raw } = await params;
  const { ctx } = await requireSignedIn(`/review/agreement/${raw}`, "codebook:manage");
  const sampleId = parseId(raw);
  if (sampleId === null) notFound();
  const report = await orNotFound(sampleReport(ctx, sampleId));
  const pairs = report.coders.flatMap((a, i) => report.coders.slice(i + 1).map((b) => `${a.name} × ${b.name}`));
  const byStatement = new Map<number, typeof report.disagreements>();
  for (const d of report.disagreements) byStatement.set(d.statementId, [...(byStatement.get(d.statementId) ?? []), d]);
  const themeOptions = report.themes.map((t) => ({ slug: t.theme, name: t.name }));
  return (
    <>
      <p className="notice">
        <Link href="/review/agreement">← Samples</Link>
      </p>
      <h1>{report.sample.name}</h1>
      <p className="notice">
        {report.units} passages coded by at least one coder; coders: {report.coders.map((c) => c.name).join(", ") || "none yet"}.
      </p>
      <table data-testid="agreement-table">
        <thead>
          <tr>
            <th scope="col">Theme</th>
            <th scope="col">Alpha (nominal)</th>
            {pairs.map((p) => (
              <th key={p} scope="col">
                Kappa {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.themes.map((t) => (
            <tr key={t.theme}>
              <td>{t.name}</td>
              <td>{fmt(t.alpha)}</td>
              {t.pairs.map((p) => (
                <td key={p.coders.join("-")}>{fmt(p.kappa)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <td>Tone</td>
            <td>
              interval {fmt(report.tone.alphaInterval)} · ordinal {fmt(report.tone.alphaOrdinal)}
            </td>
            {report.tone.pairs.map((p) => (
              <td key={p.coders.join("-")}>
                {fmt(p.kappa)} ({p.units} passages)
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <h2>Disagreements</h2>
      {byStatement.size === 0 && <p>None so far.</p>}
      {[...byStatement.entries()].map(([statementId, items]) => (
        <AdjudicateForm
          key={statementId}
          sampleId={sampleId}
          statementId={statementId}
          version={items[0]!.version}
          themes={themeOptions}
          items={items}
        />
      ))}
    </>
  );
}
