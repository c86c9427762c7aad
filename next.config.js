/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite's wasm must not be copied into public static assets.
  // pdfkit reads its font metrics from its own folder at run time; exceljs is large and Node-only.
  serverExternalPackages: ["@electric-sql/pglite", "@vercel/postgres", "pg", "bcryptjs", "pdfkit", "exceljs"],
  poweredByHeader: false,
  typedRoutes: false,
  // A single statement file may be 20 MB (lib/ingest/limits.ts); bulk files go through a route handler instead.
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
};

module.exports = nextConfig;
