import Link from "next/link";

/** Links to the neighbouring pages of a list, and where this page is among them. */
export function Pager({
  page,
  pages,
  href,
  labels = ["← Previous", "Next →"],
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels?: [string, string];
}) {
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 && <Link href={href(page - 1)}>{labels[0]}</Link>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={href(page + 1)}>{labels[1]}</Link>}
    </nav>
  );
}
