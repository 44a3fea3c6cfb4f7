#!/usr/bin/env node
/*
 * Runs jest with JSON results written to .tmp/jest-results.json, then prints the plain
 * `N passed, N failed` line CI reads. Extra arguments go to jest.
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const outputFile = join(root, '.tmp', 'jest-results.json');
mkdirSync(join(root, '.tmp'), { recursive: true });
rmSync(outputFile, { force: true });

const result = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '--json',
    `--outputFile=${outputFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' }
);

let summary = '0 passed, 0 failed';
try {
  const results = JSON.parse(readFileSync(outputFile, 'utf8'));
  const skipped = results.numPendingTests + (results.numTodoTests ?? 0);
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (results.numRuntimeErrorTestSuites > 0) {
    console.error(`${results.numRuntimeErrorTestSuites} test suite(s) failed to run`);
  }
} catch {
  console.error('jest wrote no results');
}
console.log(summary);
process.exit(result.status ?? 1);
