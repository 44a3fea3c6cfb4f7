import { parseBuildArgs } from './cli_args';

describe('parseBuildArgs', () => {
  it('has defaults for no arguments', () => {
    expect(parseBuildArgs([])).toEqual({
      skipArchive: false,
      sourcemap: false,
      minify: true,
      help: false,
    });
  });

  it('reads values in both --flag value and --flag=value form', () => {
    expect(
      parseBuildArgs(['--kibana-version', '9.4.3', '--out-dir=/tmp/x', '--skip-archive'])
    ).toEqual(
      expect.objectContaining({ kibanaVersion: '9.4.3', outDir: '/tmp/x', skipArchive: true })
    );
    expect(parseBuildArgs(['--kibana-version=9.4.3', '--no-minify', '--sourcemap'])).toEqual(
      expect.objectContaining({ kibanaVersion: '9.4.3', minify: false, sourcemap: true })
    );
  });

  it('fails on missing values and unknown flags', () => {
    expect(() => parseBuildArgs(['--kibana-version'])).toThrow(/needs a value/);
    expect(() => parseBuildArgs(['--kibana-version', '--skip-archive'])).toThrow(/needs a value/);
    expect(() => parseBuildArgs(['--kibana-versoin', '9.4.3'])).toThrow(/Unknown argument/);
  });

  it('refuses a Kibana version whose APIs were not checked, naming the supported ones', () => {
    expect(() => parseBuildArgs(['--kibana-version', '9.6.0'])).toThrow(
      /Kibana "9\.6\.0" is not supported: .*\(9\.4\.3, 9\.5\.0, 9\.5\.1, 9\.5\.2\)/
    );
    expect(() => parseBuildArgs(['--kibana-version=9.4.4'])).toThrow(/"9\.4\.4" is not supported/);
    expect(parseBuildArgs(['--kibana-version=9.5.2']).kibanaVersion).toBe('9.5.2');
  });
});
