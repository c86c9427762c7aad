import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, formatTone } from "@/components/format";
import { PassageText } from "@/components/passage-text";
import { ThemeChips } from "@/components/theme-chips";
import { ThemeTagEditor } from "@/components/theme-tag-editor";
import { roleHas } from "@/lib/dal/permissions";
import { orNotFound, requireSignedIn } from "@/lib/auth/session";
import { listThemes } from "@/lib/dal/catalog";
import { getStatement } from "@/lib/dal/statements";
import { isHttpUrl } from "@/lib/ingest/draft";
import { changeThemeTag } from "./actions";
import { parseId } from "@/lib/validation";
import { PairLink } from "@/components/pair-link";
import { languageNote } from "@/lib/engine/russian";

export const dynamic = "force-dynamic";

export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const { ctx, actor } = await requireSignedIn(`/statements/${rawId}`);
  const id = parseId(rawId);
  if (id === null) notFound();
  const statement = await orNotFound(getStatement(ctx, id));
  const canTag = roleHas(actor.role, "tags:write");
  const allThemes = canTag ? await listThemes(ctx) : [];
  const tagged = new Set(statement.themes.map((t) => t.slug));

  return (
    <article>
      <h1>{statement.title}</h1>
      <p className="notice">
        {canTag && (
          <>
            <Link href={`/review/${statement.id}`}>Review and tag passages</Link> ·{" "}
          </>
        )}
        <Link href={`/statements/${statement.id}/history`}>History</Link> · version {statement.version}
      </p>
      {languageNote(statement.language) && (
        <p className="notice" role="note" data-testid="language-note">
          {languageNote(statement.language)}
        </p>
      )}
      <dl className="card" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.25rem 1rem", margin: 0 }}>
        <dt>Date</dt>
        <dd>{formatDate(statement.date, statement.datePrecision)}</dd>
        <dt>Speaker</dt>
        <dd>
          {[statement.speakerName, statement.speakerTitle].filter(Boolean).join(", ") || "—"}
          {statement.speakerCountry && ` (${statement.speakerCountry})`}
        </dd>
        {statement.venue && (
          <>
            <dt>Venue</dt>
            <dd>{statement.venue}</dd>
          </>
        )}
        <dt>Pairs</dt>
        <dd data-testid="pairs">
          {statement.pairs.map((p) => (
            <span key={p.counterpartIso3} title={`${p.origin}, ${p.mentions} mentions`} style={{ marginRight: "0.75rem" }}>
              <PairLink speaker={p.speakerIso3} counterpart={p.counterpartIso3}>
                {p.isPrimary ? <strong>{`${p.speakerIso3} → ${p.counterpartIso3}`}</strong> : `${p.speakerIso3} → ${p.counterpartIso3}`}
              </PairLink>
            </span>
          ))}
        </dd>
        <dt>Themes</dt>
        <dd data-testid="themes">
          <ThemeChips themes={statement.themes} />
        </dd>
        <dt>Tone</dt>
        <dd>{formatTone(statement.tone)}</dd>
        {statement.sourceUrl && (
          <>
            <dt>Source</dt>
            <dd>
              {/* a row saved before source addresses were checked may hold a javascript: link: shown, never linked */}
              {isHttpUrl(statement.sourceUrl) ? (
                <a href={statement.sourceUrl} rel="noreferrer noopener">
                  {statement.sourceUrl}
                </a>
              ) : (
                statement.sourceUrl
              )}
            </dd>
          </>
        )}
      </dl>
      {canTag && (
        <ThemeTagEditor
          statementId={statement.id}
          version={statement.version}
          themes={allThemes.map((t) => ({ slug: t.slug, name: t.name, color: t.color, tagged: tagged.has(t.slug) }))}
          action={changeThemeTag}
        />
      )}
      <h2>Text</h2>
      {statement.passages.map((p) => (
        <p key={p.id} className="passage" data-testid="passage">
          <span className="meta">
            ¶{p.ordinal + 1} · tone {formatTone(p.tone)}
            {p.toneWords.length > 0 && ` (${p.toneWords.map((w) => w.word).join(", ")})`}
          </span>
          <PassageText text={p.text} offset={p.start} tags={p.tags} />
        </p>
      ))}
    </article>
  );
}
