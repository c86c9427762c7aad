const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date shown only as precisely as it is known: "2001", "Feb 2008", "19 Feb 2008". */
export function formatDate(date: string | null, precision: "day" | "month" | "year" | null): string {
  if (!date) return "undated";
  const [year, month, day] = date.split("-");
  const monthName = MONTHS[Number(month) - 1] ?? month;
  if (precision === "year") return year ?? date;
  if (precision === "month") return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

export function formatTone(tone: number | null): string {
  if (tone === null) return "—";
  return `${tone > 0 ? "+" : ""}${tone.toFixed(2)}`;
}
