import type { Role } from "@/lib/dal/permissions";

/** One account per role on the embedded database, shown on the sign-in page. Never on a server unless asked. */
export const DEMO_ACCOUNTS: { email: string; password: string; name: string; role: Role }[] = [
  { email: "analyst@dyad.local", password: "dyad-analyst", name: "Ana Analyst", role: "analyst" },
  { email: "staff@dyad.local", password: "dyad-staff", name: "Sam Staff", role: "staff" },
  { email: "manager@dyad.local", password: "dyad-manager", name: "Mona Manager", role: "manager" },
  { email: "admin@dyad.local", password: "dyad-admin", name: "Adi Admin", role: "admin" },
];
