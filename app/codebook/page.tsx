import { ThemeFields } from "./_components/theme-fields";
import { JobProgress } from "@/components/job-progress";
import { ThemeRulesEditor } from "./_components/theme-rules-editor";
import { readableTextOn } from "@/components/colors";
import { roleHas } from "@/lib/dal/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { listCodebook } from "@/lib/dal/codebook-admin";
import { retagStatus } from "@/lib/dal/background-progress";
import { toneRescoreStatus } from "@/lib/dal/background-progress";

export const dynamic = "force-dynamic";

export default async function CodebookPage() {
  const { ctx, actor } = await requireSignedIn("/codebook");
  const [codebook, retag, rescore] = await Promise.all([listCodebook(ctx), retagStatus(ctx), toneRescoreStatus(ctx)]);
  const canEdit = roleHas(actor.role, "codebook:manage");
  const options = codebook.themes.map((t) => ({ slug: t.slug, name: t.name }));
  return (
    <>
      <h1>Codebook · version {codebook.version}</h1>
      <JobProgress job={retag} doing={`Re-tagging with codebook version ${retag?.codebookVersion}`} />
      <JobProgress job={rescore} doing={`Re-scoring tone with engine ${rescore?.toneVersion}`} />
      {canEdit && (
        <section className="card" aria-labelledby="new-theme">
          <h2 id="new-theme" style={{ marginTop: 0 }}>
            New theme
          </h2>
          <ThemeFields themes={options} version={codebook.version} />
        </section>
      )}
      {codebook.themes.map((theme) => (
        <section key={theme.slug} className="card" aria-labelledby={`theme-${theme.slug}`}>
          <h2 id={`theme-${theme.slug}`} style={{ marginTop: 0 }}>
            <span className="chip" style={{ background: theme.color, color: readableTextOn(theme.color) }}>
              {theme.name}
            </span>{" "}
            {theme.parent && <small className="notice">part of {codebook.themes.find((t) => t.slug === theme.parent)?.name}</small>}
            {!theme.enabled && <small className="notice"> (switched off)</small>}
          </h2>
          {canEdit ? (
            <>
              <ThemeFields theme={theme} themes={options} version={codebook.version} />
              <ThemeRulesEditor theme={theme} version={codebook.version} />
            </>
          ) : (
            <p>
              <strong>Phrases:</strong> {theme.rules.phrases.join(" · ")}
              {(theme.rules.aliases ?? []).length > 0 && (
                <>
                  <br />
                  <strong>Aliases:</strong> {theme.rules.aliases!.join(" · ")}
                </>
              )}
              {theme.rules.exclusions.length > 0 && (
                <>
                  <br />
                  <strong>Exclusions:</strong> {theme.rules.exclusions.join(" · ")}
                </>
              )}
            </p>
          )}
        </section>
      ))}
    </>
  );
}
