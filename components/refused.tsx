import Link from "next/link";
import { Problem } from "./problem";

/** A page that could not be shown for what was asked: the reason, and a way back. */
export function Refused({ title, problem, back }: { title: string; problem: string; back: string }) {
  return (
    <>
      <h1>{title}</h1>
      <Problem>{problem}</Problem>
      <p>
        <Link href={back}>Start again</Link>
      </p>
    </>
  );
}
