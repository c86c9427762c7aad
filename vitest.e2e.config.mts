import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Browser tests: a real `next start` and Debian's Chromium. Needs a production build (`next build`) first. */
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
