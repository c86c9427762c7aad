import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requireSignedIn } from "@/lib/auth/session";
import { codingTask } from "@/lib/dal/agreement";
import { CodingForm } from "./coding-form";
import { parseId } from "@/lib/validation";

export const dynamic = "force-dynamic";

export default async function CodingTaskPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId: raw } = await params;
  const { ctx } = await requireSignedIn(`/review/coding/${raw}`, "tags:write");
  const id = parseId(raw);
  if (id === null) notFound();
  const task = await orNotFound(codingTask(ctx, id));
  return (
    <>
      <p className="notice">
        <Link href="/review/coding">← My assignments</Link>
      </p>
      <h1>{task.title}</h1>
      <p className="notice">
        Code each passage on its own: the themes it speaks to and its tone. You do not see the machine&apos;s suggestions or anyone
        else&apos;s answers.
      </p>
      <CodingForm task={task} />
    </>
  );
}
