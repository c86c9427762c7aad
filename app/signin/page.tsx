import { configFromEnv } from "@/db/client";
import { demoAccountsEnabled } from "@/lib/boot/startup";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { SIGN_IN_ERRORS } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "@/components/sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  const error = params.error ? (SIGN_IN_ERRORS[params.error as keyof typeof SIGN_IN_ERRORS] ?? SIGN_IN_ERRORS.CredentialsSignin) : null;
  const showDemo = demoAccountsEnabled(configFromEnv().driver);
  return (
    <div className="signin">
      <h1>Sign in to Dyad</h1>
      <SignInForm callbackPath={callbackPath} initialError={error} errorMessages={SIGN_IN_ERRORS} />
      {showDemo && (
        <section className="card" aria-labelledby="demo-accounts">
          <h2 id="demo-accounts">Demo accounts</h2>
          <p className="notice">This is the embedded demo database. Each role has an account:</p>
          <table>
            <thead>
              <tr>
                <th>Role</th>
                <th>Email</th>
                <th>Password</th>
              </tr>
            </thead>
            <tbody>
              {DEMO_ACCOUNTS.map((a) => (
                <tr key={a.email}>
                  <td>{a.role}</td>
                  <td>{a.email}</td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
