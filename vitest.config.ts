import { defineConfig } from 'vitest/config';

// `npm test`: everything but the browser tests (they need Chromium: `npm run test:browser`).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    globalSetup: ['tests/build-cli.setup.ts'],
  },
});
