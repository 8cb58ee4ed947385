import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // A suite that runs no test must fail (STYLE.md rule 9).
    passWithNoTests: false,
    testTimeout: 20_000,
  },
});
