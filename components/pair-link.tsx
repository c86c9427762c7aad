import Link from "next/link";

/** A pair's page: /pairs/ARM-AZE (the speaker first). */
export function pairHref(speaker: string, counterpart: string): string {
  return `/pairs/${speaker}-${counterpart}`;
}

/** Links to a pair's page and, optionally, each country's page. */
export function PairLink({
  speaker,
  counterpart,
  both = false,
  children,
}: {
  speaker: string;
  counterpart: string;
  both?: boolean;
  children?: React.ReactNode;
}) {
  return <Link href={pairHref(speaker, counterpart)}>{children ?? `${speaker} ${both ? "↔" : "→"} ${counterpart}`}</Link>;
}

export function CountryLink({ iso3, children }: { iso3: string; children?: React.ReactNode }) {
  return <Link href={`/countries/${iso3}`}>{children ?? iso3}</Link>;
}
