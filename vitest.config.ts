import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `source` export condition) in tests.
const conditions = ['source', ...defaultServerConditions];

// Files whose assertions depend on wall-clock timing or that run several server processes at once
// (crash recovery, network faults, slow clients, browsers, installs). They run one at a time after
// the rest, so a neighbouring test's load can never push them past a timeout they measure.
const timingSensitive = [
  'packages/server/test/faults/**/*.test.ts',
  'packages/server/test/browser/**/*.test.ts',
  'packages/server/test/lifecycle/**/*.test.ts',
  'packages/server/test/webhooks/crash.test.ts',
  'packages/server/test/http/slow-clients.test.ts',
  'packages/server/test/store/outbox-repository.test.ts',
  'packages/cli/test/install.test.ts',
];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['packages/*/test/**/*.test.ts'],
          exclude: timingSensitive,
          // Most files wait on sockets, databases or child processes as much as on the CPU, so two
          // at a time fill both cores of the CI machine (Vitest's default leaves one idle there).
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: { name: 'serial', include: timingSensitive, maxWorkers: 1 },
      },
    ],
  },
});
