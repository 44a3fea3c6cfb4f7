import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function runMap(args: string[], input: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/map.ts'), ...args],
    {
      cwd: ROOT,
      input,
      encoding: 'utf8',
    }
  );
  const lines = result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return { status: result.status, lines, stderr: result.stderr };
}

describe('npm run map', () => {
  it('writes one line per input record, even for text that is not JSON', () => {
    const { status, lines } = runMap(
      ['lumos', '--namespace', 'prod'],
      '{"event_hash":"a"}\nnot json\n\n'
    );
    expect(status).toBe(0);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.index).toBe('logs-lumos.activity_logs-prod');
      expect(typeof line.id).toBe('string');
    }
    const broken = lines[1];
    expect(broken.document.event.kind).toBe('pipeline_error');
    expect(broken.document.event.original).toBe('not json');
    expect(broken.document.error.message).toMatch(/Not valid JSON/);
  });

  it('gives the same id to the same bad line', () => {
    const { lines } = runMap(['closer'], 'garbage\ngarbage\n');
    expect(lines[0].index).toBe('logs-closer.security-default');
    expect(lines[0].id).toBe(lines[1].id);
  });

  it('rejects an unknown source or namespace with usage and exit code 2', () => {
    expect(runMap(['okta'], '').status).toBe(2);
    const bad = runMap(['lumos', '--namespace', 'Has-Dash'], '');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--namespace/);
    expect(runMap(['lumos', '--bogus'], '').stderr).toMatch(/unknown option --bogus/);
  });
});
