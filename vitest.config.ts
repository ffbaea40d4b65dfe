import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // The LibreOffice checks start their own soffice; running files in parallel would start several.
    fileParallelism: false,
  },
});
