/*
 * Two projects: unit tests sit beside the code and need nothing running; integration tests live
 * under test/ and share one real Elasticsearch started by the global setup.
 */
const transform = { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] };
// Runtime values of `@kbn/*` (the test host's implementations, test/kibana_host/runtime/resolve.ts).
const moduleNameMapper = {
  '^@kbn/config-schema$': '<rootDir>/test/kibana_host/runtime/config_schema.ts',
  '^@kbn/core/server$': '<rootDir>/test/kibana_host/runtime/core_server.ts',
  '^@kbn/core-application-common$': '<rootDir>/test/kibana_host/runtime/core_application_common.ts',
  '^@kbn/task-manager-plugin/server$': '<rootDir>/test/kibana_host/runtime/task_manager_plugin.ts',
  '^@kbn/(encrypted-saved-objects|features|security|spaces)-plugin/server$':
    '<rootDir>/test/kibana_host/runtime/empty_module.ts',
  // Kibana shared deps of the browser bundle: the browser host's stand-ins.
  '^@kbn/i18n$': '<rootDir>/test/browser_host/core/kbn_i18n.ts',
  '^@kbn/i18n-react$': '<rootDir>/test/browser_host/core/kbn_i18n_react.tsx',
};

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
    {
      // Chromium (playwright-core, Debian's /usr/bin/chromium) driving the app in the browser host.
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/es/jest_global_setup.ts',
      globalTeardown: '<rootDir>/test/es/jest_global_teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/jest_setup.ts'],
    },
  ],
};
