import { notFound } from "next/navigation";
import { formatTone } from "@/components/format";
import { CountryLink, PairLink } from "@/components/pair-link";
import { requireSignedIn } from "@/lib/auth/session";
import { DalError } from "@/lib/dal/errors";
import { countryProfile, type CountryRelation } from "@/lib/dal/profiles";

export const dynamic = "force-dynamic";

/** One country: whom it speaks about most, on what and in what tone, and who speaks about it. */
export default async function CountryPage({ params }: { params: Promise<{ iso3: string }> }) {
  const { iso3 } = await params;
  const { ctx } = await requireSignedIn(`/countries/${iso3}`);
  const profile = await countryProfile(ctx, decodeURIComponent(iso3)).catch((error: unknown) => {
    if (error instanceof DalError && (error.code === "not_found" || error.code === "invalid")) notFound();
    throw error;
  });
  return (
    <>
      <h1>{profile.name}</h1>
      <section className="card" aria-labelledby="speaks-about">
        <h2 id="speaks-about">Whom {profile.name} speaks about most</h2>
        <Relations relations={profile.speaksAbout} pair={(other) => [profile.iso3, other]} who="Counterpart" />
      </section>
      <section className="card" aria-labelledby="spoken-about">
        <h2 id="spoken-about">Who speaks about {profile.name}</h2>
        <Relations relations={profile.spokenAbout} pair={(other) => [other, profile.iso3]} who="Speaker's country" />
        <h3>People</h3>
        {profile.people.length === 0 ? (
          <p className="notice">No statements about {profile.name} yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Speaker</th>
                <th scope="col">Office</th>
                <th scope="col">Country</th>
                <th scope="col">Statements</th>
              </tr>
            </thead>
            <tbody>
              {profile.people.map((p) => (
                <tr key={`${p.name}|${p.office}|${p.country}`}>
                  <td>{p.name}</td>
                  <td>{p.office ?? "—"}</td>
                  <td>{p.country ? <CountryLink iso3={p.country} /> : "—"}</td>
                  <td>{p.statements}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function Relations({ relations, pair, who }: { relations: CountryRelation[]; pair: (other: string) => [string, string]; who: string }) {
  if (relations.length === 0) return <p className="notice">No statements yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{who}</th>
          <th scope="col">Statements</th>
          <th scope="col">Tone</th>
          <th scope="col">On what (statements, tone)</th>
          <th scope="col">Pair</th>
        </tr>
      </thead>
      <tbody>
        {relations.map((r) => {
          const [speaker, counterpart] = pair(r.iso3);
          return (
            <tr key={r.iso3}>
              <th scope="row">
                <CountryLink iso3={r.iso3}>{r.name}</CountryLink>
              </th>
              <td>{r.statements}</td>
              <td>{formatTone(r.tone)}</td>
              <td>{r.themes.length === 0 ? "—" : r.themes.map((t) => `${t.name} (${t.statements}, ${formatTone(t.tone)})`).join("; ")}</td>
              <td style={{ whiteSpace: "nowrap" }}>
                <PairLink speaker={speaker} counterpart={counterpart} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
