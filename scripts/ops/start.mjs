// `npm start`: production server on http://localhost:3000 with zero setup. Builds first when there is no build,
// makes a persistent sign-in secret for the embedded setup, and passes signals on so the database closes cleanly.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const port = process.env.PORT ?? "3000";
const hostArg = process.argv.findIndex((a) => a === "-H" || a === "--hostname");
const host = hostArg >= 0 ? process.argv[hostArg + 1] : undefined;
// Where this server reaches itself: the proxy renders a page it keeps whole by asking for it (lib/auth/page-cache.ts).
const selfHost = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

// Everything the server writes (the embedded database, the sign-in secret, staged uploads) is its owner's alone.
process.umask(0o077);

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_MANUAL_SIG_HANDLE: "true",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret(),
  DYAD_SELF_ORIGIN: process.env.DYAD_SELF_ORIGIN ?? `http://${selfHost}:${port}`,
};

function localSecret() {
  const file = path.join(root, ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("[dyad] no production build yet: running next build (once)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
