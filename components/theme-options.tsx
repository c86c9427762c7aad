/** Themes as a select's options, by slug and name, for a select that adds its own empty choice ("any", "top level"). */
export function ThemeOptions({ themes }: { themes: readonly { slug: string; name: string }[] }) {
  return themes.map((t) => (
    <option key={t.slug} value={t.slug}>
      {t.name}
    </option>
  ));
}
