import { readableTextOn } from "@/components/colors";
import type { StatementTheme } from "@/lib/dal/statements";

export function ThemeChips({ themes }: { themes: StatementTheme[] }) {
  return (
    <>
      {themes.map((t) => (
        <span
          key={t.slug}
          className={`chip ${t.origin}`}
          style={{ background: t.color, color: readableTextOn(t.color) }}
          title={t.origin === "human" ? `${t.name} (tagged by staff)` : `${t.name} (suggested by the tagger)`}
        >
          {t.name}
        </span>
      ))}
    </>
  );
}
