/** LIMITS.requestBytes in lib/ingest/limits.ts: one statement file (20 MB) with its form; tests/unit/ingest-limits.test.ts keeps them equal. */
const REQUEST_BYTES = 21 * 1024 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite's wasm must not be copied into public static assets.
  // pdfkit reads its font metrics from its own folder at run time; exceljs is large and Node-only.
  serverExternalPackages: ["@electric-sql/pglite", "@vercel/postgres", "pg", "bcryptjs", "pdfkit", "exceljs"],
  // PDF reports embed the DejaVu Sans shipped in dejavu-fonts-ttf (lib/export/pdf-fonts.ts), read at run time.
  outputFileTracingIncludes: {
    "/api/reports/export": [
      "./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
      "./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
    ],
  },
  poweredByHeader: false,
  typedRoutes: false,
  // Bulk files go through a route handler instead, which proxy.ts leaves out. The proxy buffers each body it
  // sees and silently cuts it past proxyClientMaxBodySize (Next's default 10 MB), so that must be no smaller than
  // the largest body accepted; proxy.ts refuses a larger declared body with 413 before anything reads it.
  // authInterrupts: forbidden() renders app/forbidden.tsx with status 403 for a role that may not open a page.
  experimental: { serverActions: { bodySizeLimit: REQUEST_BYTES }, proxyClientMaxBodySize: REQUEST_BYTES, authInterrupts: true },
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
