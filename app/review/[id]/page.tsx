import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requireSignedIn } from "@/lib/auth/session";
import { parseSearchParams } from "@/app/_lib/search-params";
import { parseId } from "@/lib/validation";
import { queueFilterSchema, reviewStatement } from "@/lib/dal/review";
import { Reader } from "./reader";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewStatementPage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const { ctx } = await requireSignedIn(`/review/${rawId}`, "tags:write");
  const id = parseId(rawId);
  if (id === null) notFound();
  const data = await orNotFound(reviewStatement(ctx, id));
  const filter = parseSearchParams(queueFilterSchema, await searchParams);
  return (
    <>
      <p className="notice">
        <Link href="/review">← Queue</Link> · <Link href={`/statements/${id}`}>Reading view</Link> ·{" "}
        <Link href={`/statements/${id}/history`}>History</Link>
      </p>
      <h1>{data.title}</h1>
      <Reader data={data} filter={filter} />
    </>
  );
}
