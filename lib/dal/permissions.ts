/** Roles in ascending order of power; each role has every permission of the roles below it. */
export const ROLES = ["analyst", "staff", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const GRANTS = {
  analyst: ["statements:read", "series:read", "tokens:manage", "views:save"],
  staff: ["tags:write", "statements:import", "events:write", "feeds:manage"],
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

/** What a personal API token may do, within its owner's role: only what its scopes grant. */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * Making tokens and managing accounts are left out of every scope on purpose: they need a signed-in person, so
 * a leaked token can neither mint another nor change who may do what.
 */
const SCOPE_GRANTS = {
  read: ["statements:read", "series:read"],
  write: ["tags:write", "statements:import", "events:write", "reports:export", "codebook:manage"],
} as const satisfies Record<TokenScope, readonly Permission[]>;

export const SESSION_ONLY_PERMISSIONS: Permission[] = PERMISSIONS.filter((p) => !TOKEN_SCOPES.some((s) => scopeGrants(s, p)));

export function scopeGrants(scope: TokenScope, permission: Permission): boolean {
  return (SCOPE_GRANTS[scope] as readonly Permission[]).includes(permission);
}

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === "string" && (TOKEN_SCOPES as readonly string[]).includes(value);
}
