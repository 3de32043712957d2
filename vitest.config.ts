import {defineConfig} from 'vitest/config'

// Files whose assertions depend on timing (kill -9 at random points of a measured run): run alone, after the rest.
const SERIAL = ['test/e2e/batch-kill.test.ts']

export default defineConfig({
  test: {
    // Most unit files wait on child processes and loopback servers, so two workers keep a 2-core machine busy
    // (vitest's default is cores − 1, which is one worker there).
    maxWorkers: 2,
    projects: [
      {test: {name: 'unit', include: ['test/unit/**/*.test.ts', 'test/e2e/**/*.test.ts'], exclude: SERIAL, testTimeout: 60_000, hookTimeout: 60_000, sequence: {groupOrder: 0}}},
      {test: {name: 'unit-serial', include: SERIAL, testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false, sequence: {groupOrder: 1}}},
      {test: {name: 'interop', include: ['test/interop/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false, sequence: {groupOrder: 2}}},
    ],
  },
})
