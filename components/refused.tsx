import Link from "next/link";

/** A page that could not be shown for what was asked: the reason, and a way back. */
export function Refused({ title, problem, back }: { title: string; problem: string; back: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="error" role="alert">
        {problem}
      </p>
      <p>
        <Link href={back}>Start again</Link>
      </p>
    </>
  );
}
