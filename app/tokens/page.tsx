import { TokenForm } from "@/components/token-form";
import { requireSignedIn } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/dal/api-tokens";
import { revokeTokenAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { ctx } = await requireSignedIn("/tokens");
  const tokens = await listApiTokens(ctx);
  return (
    <>
      <h1>Personal API tokens</h1>
      <p className="notice">
        A token acts with your role as it is at the time of each request: <code>curl -H &quot;Authorization: Bearer dyad_…&quot; /api/v1/series?pair=USA&gt;AZE&amp;theme=energy-security</code>
      </p>
      <TokenForm />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{t.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              <td>{t.lastUsedAt ? t.lastUsedAt.toISOString().slice(0, 16).replace("T", " ") : "never"}</td>
              <td>
                {t.revokedAt ? (
                  "revoked"
                ) : (
                  <form action={revokeTokenAction}>
                    <input type="hidden" name="id" value={t.id} />
                    <button type="submit" className="secondary">
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
