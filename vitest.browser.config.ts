import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the report in a real browser (Debian's chromium, driven by playwright-core).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
