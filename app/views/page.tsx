import Link from "next/link";
import { FeedTokenButton } from "./_components/feed-token-button";
import { RecordButton } from "@/components/record-button";
import { requireSignedIn } from "@/lib/auth/session";
import { listViews } from "@/lib/dal/saved-views";
import { deleteViewAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function SavedViewsPage() {
  const { ctx } = await requireSignedIn("/views");
  const views = await listViews(ctx);
  return (
    <>
      <h1>Saved views</h1>
      <p className="notice">
        Save a view from the dashboard&apos;s filters. Each view is on your front page with what changed, and has a secret feed address for
        any feed reader; the address is shown once, and a new one replaces it.
      </p>
      {views.length === 0 ? (
        <p>
          No saved views yet. <Link href="/dashboard">Open the dashboard</Link>, choose filters and save them.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Feed</th>
              <th scope="col">Delete</th>
            </tr>
          </thead>
          <tbody>
            {views.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link href={`/dashboard?${v.query}`}>{v.name}</Link>
                </td>
                <td>
                  <FeedTokenButton id={v.id} />
                </td>
                <td>
                  <RecordButton action={deleteViewAction} id={v.id} label="Delete" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
