/*
 * Two projects: unit tests sit beside the code and need nothing running; integration tests live
 * under test/ and share one real Elasticsearch started by the global setup.
 */
const transform = { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] };
const moduleNameMapper = {};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/common', '<rootDir>/server', '<rootDir>/public', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
      globalSetup: '<rootDir>/test/es/jest_global_setup.ts',
      globalTeardown: '<rootDir>/test/es/jest_global_teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/jest_setup.ts'],
    },
  ],
};
