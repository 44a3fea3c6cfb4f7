/*
 * Three projects: unit tests sit beside the code and need nothing running; integration tests live
 * under test/ (and the stand-ins' own tests beside them in dev/) and share one real Elasticsearch
 * started by the global setup; browser tests drive Chromium against the same stack.
 */
const transform = { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] };

// Unit tests: a small stub runtime of their own (test/kbn_stubs/), only what product code reads
// at run time in them. Imports of the other @kbn/* packages are type-only and erased.
const unitModules = {
  '^@kbn/config-schema$': '<rootDir>/test/kbn_stubs/config_schema.ts',
  '^@kbn/core/server$': '<rootDir>/test/kbn_stubs/core_server.ts',
  '^@kbn/task-manager-plugin/server$': '<rootDir>/test/kbn_stubs/task_manager_plugin.ts',
  '^@kbn/i18n$': '<rootDir>/test/kbn_stubs/i18n.ts',
  '^@kbn/i18n-react$': '<rootDir>/test/kbn_stubs/i18n_react.ts',
};

// Integration and browser tests: the Kibana-like host's runtime (dev/kibana_host/runtime/resolve.ts
// redirects the same ids for a plugin loaded outside jest).
const hostModules = {
  '^@kbn/config-schema$': '<rootDir>/dev/kibana_host/runtime/config_schema.ts',
  '^@kbn/core/server$': '<rootDir>/dev/kibana_host/runtime/core_server.ts',
  '^@kbn/core-application-common$': '<rootDir>/dev/kibana_host/runtime/core_application_common.ts',
  '^@kbn/task-manager-plugin/server$': '<rootDir>/dev/kibana_host/runtime/task_manager_plugin.ts',
  '^@kbn/(encrypted-saved-objects|features|security|spaces)-plugin/server$':
    '<rootDir>/dev/kibana_host/runtime/empty_module.ts',
  // Kibana shared deps of the browser bundle: the browser host's stand-ins.
  '^@kbn/i18n$': '<rootDir>/dev/browser_host/core/kbn_i18n.ts',
  '^@kbn/i18n-react$': '<rootDir>/dev/browser_host/core/kbn_i18n_react.tsx',
};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper: unitModules,
      roots: ['<rootDir>/common', '<rootDir>/server', '<rootDir>/public', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper: hostModules,
      roots: ['<rootDir>/test', '<rootDir>/dev'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
      globalSetup: '<rootDir>/dev/es/jest_global_setup.ts',
      globalTeardown: '<rootDir>/dev/es/jest_global_teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/jest_setup.ts'],
    },
    {
      // Chromium (playwright-core, Debian's /usr/bin/chromium) driving the app in the browser host.
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      moduleNameMapper: hostModules,
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/dev/es/jest_global_setup.ts',
      globalTeardown: '<rootDir>/dev/es/jest_global_teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/jest_setup.ts'],
    },
  ],
};
