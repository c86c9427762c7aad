import { LANGUAGE_CHOICES } from "@/lib/dal/filters";
import { INTERVALS } from "@/lib/engine/periods";

/** Form fields shared by the filter forms of the dashboard, reports, search and review queue. */

export function DateRangeFields({ from, to }: { from?: string | null; to?: string | null }) {
  return (
    <>
      <label>
        From
        <input type="date" name="from" defaultValue={from ?? ""} />
      </label>
      <label>
        To
        <input type="date" name="to" defaultValue={to ?? ""} />
      </label>
    </>
  );
}

/** The statements' language (URL param `language`): all, or one the engine reads. */
export function LanguageField({ language }: { language?: string | null }) {
  return (
    <label>
      Language
      <select name="language" defaultValue={language ?? ""}>
        <option value="">all languages</option>
        {LANGUAGE_CHOICES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Theme checkboxes, sub-themes indented under their parent. */
export function ThemeCheckboxes({
  themes,
  chosen,
}: {
  themes: { slug: string; name: string; parentId: number | null }[];
  chosen: string[];
}) {
  return (
    <fieldset style={{ border: 0, padding: 0 }}>
      <legend style={{ fontSize: "0.85rem", color: "var(--muted)" }}>Themes</legend>
      {themes.map((t) => (
        <label
          key={t.slug}
          style={{
            display: "inline-flex",
            flexDirection: "row",
            gap: "0.25rem",
            marginRight: "0.75rem",
            paddingLeft: t.parentId ? "0.5rem" : 0,
          }}
        >
          <input type="checkbox" name="theme" value={t.slug} defaultChecked={chosen.includes(t.slug)} />
          {t.parentId ? `↳ ${t.name}` : t.name}
        </label>
      ))}
    </fieldset>
  );
}

/** How a series is cut and counted: interval and what is counted. */
export function IntervalMeasureFields({ interval, measure }: { interval: string; measure: string }) {
  return (
    <>
      <label>
        Interval
        <select name="interval" defaultValue={interval}>
          {INTERVALS.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </label>
      <label>
        Count
        <select name="measure" defaultValue={measure}>
          <option value="statements">statements</option>
          <option value="passages">passages</option>
        </select>
      </label>
    </>
  );
}
