import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertSupportedKibanaVersion,
  findSupportedKibanaVersion,
  SUPPORTED_KIBANA_VERSIONS,
} from './kibana_versions';

describe('assertSupportedKibanaVersion', () => {
  it.each(['9.4.3', '9.5.0', '9.5.1', '9.5.2'])('accepts %s', (version) => {
    expect(assertSupportedKibanaVersion(version)).toBe(version);
  });

  it.each([
    '9.4.4', // a patch nobody checked
    '9.4.2',
    '9.6.0', // newer than any checked release
    '8.19.0',
    '9.4',
    '9.4.3-SNAPSHOT',
    ' 9.4.3',
    'v9.4.3',
    '',
  ])('refuses "%s", listing the supported versions', (version) => {
    expect(() => assertSupportedKibanaVersion(version)).toThrow(
      /is not supported: .*\(9\.4\.3, 9\.5\.0, 9\.5\.1, 9\.5\.2\)/
    );
  });

  it('caps a long value in the message', () => {
    const message = (() => {
      try {
        assertSupportedKibanaVersion(`9.${'9'.repeat(10_000)}.0`);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/is not supported/);
    expect(message.length).toBeLessThan(400);
  });

  it('knows which RunContext each supported version passes', () => {
    expect(findSupportedKibanaVersion('9.4.3')?.runContext).toBe('abortController');
    expect(findSupportedKibanaVersion('9.5.0')?.runContext).toBe('signal');
    expect(new Set(SUPPORTED_KIBANA_VERSIONS.map((v) => v.version)).size).toBe(
      SUPPORTED_KIBANA_VERSIONS.length
    );
  });

  it('includes the version package.json pins', () => {
    const pkg = JSON.parse(
      readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')
    ) as { kibana: { version: string } };
    expect(findSupportedKibanaVersion(pkg.kibana.version)).toBeDefined();
  });
});
