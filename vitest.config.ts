import { defineConfig } from 'vitest/config';

/**
 * Three tiers, one runner. Names decide the tier:
 *   *.test.ts      unit: pure logic, no services
 *   *.int.test.ts  integration: real Postgres+pgvector, Redis, Chromium (one fresh database per file)
 *   *.e2e.test.ts  end-to-end: the native stack behind nginx (tests/e2e)
 *   *.fault.test.ts  fault: services killed under load on the native stack (tests/fault)
 */
const exclude = ['**/node_modules/**', '**/dist/**', '.tools/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,services,tests,scripts}/**/*.test.ts'],
          exclude: [...exclude, '**/*.int.test.ts', '**/*.e2e.test.ts', '**/*.fault.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{packages,services,tests,scripts}/**/*.int.test.ts'],
          exclude,
          globalSetup: ['tests/setup/integration.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          exclude,
          globalSetup: ['tests/e2e/stack.global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'fault',
          include: ['tests/fault/**/*.fault.test.ts'],
          exclude,
          globalSetup: ['tests/fault/stack.global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
