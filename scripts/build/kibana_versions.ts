/*
 * The Kibana releases this plugin may be built for: only those whose APIs, as the plugin uses
 * them, were read in Kibana's source. A zip for any other release would install (the installer
 * only compares kibanaVersion) and then fail at run time, so the build refuses it instead.
 * docs/kibana-apis.md "Supported Kibana versions" has the sources; keep the two in step.
 */

/** How Task Manager hands a task run its abort signal (server/tasks/run_signal.ts reads both). */
export type RunContextAbort = 'abortController' | 'signal';

export interface SupportedKibanaVersion {
  version: string;
  runContext: RunContextAbort;
}

export const SUPPORTED_KIBANA_VERSIONS: readonly SupportedKibanaVersion[] = [
  // The pinned release (package.json kibana.version) that every typings/kbn declaration targets.
  { version: '9.4.3', runContext: 'abortController' },
  // RunContext.signal from kibana PR #279282; see docs/kibana-apis.md for the other 9.5 changes.
  { version: '9.5.0', runContext: 'signal' },
  { version: '9.5.1', runContext: 'signal' },
  { version: '9.5.2', runContext: 'signal' },
];

export function supportedKibanaVersionList(): string {
  return SUPPORTED_KIBANA_VERSIONS.map((v) => v.version).join(', ');
}

export function findSupportedKibanaVersion(version: string): SupportedKibanaVersion | undefined {
  return SUPPORTED_KIBANA_VERSIONS.find((v) => v.version === version);
}

/** Returns `version` if it is supported; throws naming the supported ones otherwise. */
export function assertSupportedKibanaVersion(version: string): string {
  if (findSupportedKibanaVersion(version)) return version;
  // Capped: the value comes from the command line and ends up in a terminal.
  const shown = version.length > 40 ? `${version.slice(0, 40)}…` : version;
  throw new Error(
    `Kibana ${JSON.stringify(shown)} is not supported: this plugin is only built for Kibana ` +
      `versions whose APIs were checked (${supportedKibanaVersionList()}); a zip for another ` +
      'one may install and then fail at run time. See docs/kibana-apis.md ' +
      '"Supported Kibana versions" for what adding one takes.'
  );
}
