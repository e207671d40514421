import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/support/preload.ts'],
          exclude: ['test/oracle/**'],
        },
      },
      {
        test: {
          name: 'oracle',
          include: ['test/oracle/**/*.test.ts'],
          setupFiles: ['test/support/preload.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
