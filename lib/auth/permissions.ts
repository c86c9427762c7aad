/** Roles in ascending order of power; each role has every permission of the roles below it. */
export const ROLES = ["analyst", "staff", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const GRANTS = {
  analyst: ["statements:read", "series:read", "views:save"],
  staff: ["tags:write", "statements:import", "events:write"],
  manager: ["reports:export", "codebook:manage", "users:manage"],
  admin: ["admins:manage"],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof GRANTS)[Role][number];

export const PERMISSIONS: Permission[] = ROLES.flatMap((role) => [...GRANTS[role]]);

export function roleHas(role: Role, permission: Permission): boolean {
  const upTo = ROLES.slice(0, ROLES.indexOf(role) + 1);
  return upTo.some((r) => (GRANTS[r] as readonly Permission[]).includes(permission));
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
