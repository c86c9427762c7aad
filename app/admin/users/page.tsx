import { CreateUserForm, UserRowActions } from "./_components/user-forms";
import { roleHas, ROLES } from "@/lib/dal/permissions";
import { requireSignedIn } from "@/lib/auth/session";
import { listUsers } from "@/lib/dal/user-admin";

export default async function UsersPage() {
  const { ctx, actor } = await requireSignedIn("/admin/users", "users:manage");
  const users = await listUsers(ctx);
  const isAdmin = roleHas(actor.role, "admins:manage");
  const grantable = ROLES.filter((r) => isAdmin || r === "analyst" || r === "staff");
  return (
    <>
      <h1>Users</h1>
      <p className="notice">
        {isAdmin
          ? "As an admin you manage every account. The last active admin cannot be demoted or disabled."
          : "As a manager you manage analysts and staff; only an admin can grant or remove manager and admin."}{" "}
        A change takes effect on the person&apos;s next request.
      </p>
      <CreateUserForm roles={grantable} />
      <table>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? "disabled" : "active"}</td>
              <td>
                {grantable.includes(u.role) ? (
                  <UserRowActions
                    user={{ id: u.id, email: u.email, role: u.role, disabled: u.disabled }}
                    roles={grantable}
                    self={u.id === actor.id}
                  />
                ) : (
                  <small className="notice">only an admin manages {u.role} accounts</small>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
