/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite's wasm must not be copied into public static assets.
  // pdfkit reads its font metrics from its own folder at run time; exceljs is large and Node-only.
  serverExternalPackages: ["@electric-sql/pglite", "@vercel/postgres", "pg", "bcryptjs", "pdfkit", "exceljs"],
  poweredByHeader: false,
  typedRoutes: false,
  // A single statement file may be 20 MB (lib/ingest/limits.ts); bulk files go through a route handler instead.
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
  // The Content-Security-Policy itself is set per request with a nonce, in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
