/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite's wasm must not be copied into public static assets.
  serverExternalPackages: ["@electric-sql/pglite", "@vercel/postgres", "pg", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
