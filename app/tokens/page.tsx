import { RecordButton } from "@/components/record-button";
import { TokenForm } from "./_components/token-form";
import { requireSignedIn } from "@/lib/auth/session";
import { listApiTokens, TOKEN_LIFETIMES_DAYS } from "@/lib/dal/api-tokens";
import { revokeTokenAction } from "./actions";

export const dynamic = "force-dynamic";

const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export default async function TokensPage() {
  const { ctx } = await requireSignedIn("/tokens");
  const tokens = await listApiTokens(ctx);
  const now = new Date();
  return (
    <>
      <h1>Personal API tokens</h1>
      <p className="notice">
        A token works only for the JSON API (<code>/api/v1</code>), never for pages or forms, with your role as it is at the time of each
        request, limited to its access: <em>read only</em> unless you choose <em>read and write</em>. It stops working when it expires, when
        you revoke it, or when a manager resets your password.{" "}
        <code>curl -H &quot;Authorization: Bearer dyad_…&quot; /api/v1/series?pair=USA&gt;AZE&amp;theme=energy-security</code>
      </p>
      <TokenForm lifetimes={TOKEN_LIFETIMES_DAYS} />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Access</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
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
              <td>{t.scopes.includes("write") ? "read and write" : "read only"}</td>
              <td>{minute(t.createdAt)}</td>
              <td>{minute(t.expiresAt)}</td>
              <td>{t.lastUsedAt ? minute(t.lastUsedAt) : "never"}</td>
              <td>
                {t.revokedAt ? (
                  "revoked"
                ) : t.expiresAt <= now ? (
                  "expired"
                ) : (
                  <RecordButton action={revokeTokenAction} id={t.id} label="Revoke" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
