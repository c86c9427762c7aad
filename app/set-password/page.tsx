import { SetPasswordForm } from "./_components/set-password-form";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const token = (await searchParams).token;
  return (
    <div className="signin">
      <h1>Set your password</h1>
      {typeof token === "string" && token ? (
        <SetPasswordForm token={token} />
      ) : (
        <p className="error">This page needs the link a manager gave you.</p>
      )}
    </div>
  );
}
