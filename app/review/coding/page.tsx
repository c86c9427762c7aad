import Link from "next/link";
import { requireSignedIn } from "@/lib/auth/session";
import { myAssignments } from "@/lib/dal/agreement";

export const dynamic = "force-dynamic";

export default async function CodingPage() {
  const { ctx } = await requireSignedIn("/review/coding", "tags:write");
  const assignments = await myAssignments(ctx);
  return (
    <>
      <h1>My coding assignments</h1>
      {assignments.length === 0 && <p>Nothing assigned to you.</p>}
      <ul>
        {assignments.map((a) => (
          <li key={a.id}>
            <Link href={`/review/coding/${a.id}`}>{a.title}</Link> ({a.sample}) — {a.submittedAt ? "submitted" : "to do"}
          </li>
        ))}
      </ul>
    </>
  );
}
