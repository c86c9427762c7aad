import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * @vercel/postgres speaks Neon's WebSocket protocol. To run it against a plain Postgres server (tests, local
 * use) it needs a WebSocket-to-TCP proxy and these settings, applied to the exact copy of
 * @neondatabase/serverless that @vercel/postgres imports (its ESM build), not to any other copy.
 */
export async function routeThroughLocalWebSocketProxy(proxyHostPort: string): Promise<void> {
  const requireHere = createRequire(import.meta.url);
  const requireFromVercel = createRequire(requireHere.resolve("@vercel/postgres"));
  const neonCjs = requireFromVercel.resolve("@neondatabase/serverless");
  const neonEsm = neonCjs.replace(/index\.js$/, "index.mjs");
  const { neonConfig } = (await import(/* webpackIgnore: true */ pathToFileURL(neonEsm).href)) as {
    neonConfig: Record<string, unknown>;
  };
  neonConfig.wsProxy = (host: string, port: number) => `${proxyHostPort}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}
