import { isShippedServerFile, transformServerSource } from './server_files';

describe('isShippedServerFile', () => {
  it.each([
    'server/index.ts',
    'server/routes/status.tsx',
    'common/constants.ts',
    'common/schema.json',
    'server/legacy.js',
  ])('ships %s', (file) => {
    expect(isShippedServerFile(file)).toBe(true);
  });

  it.each([
    'server/plugin.test.ts',
    'server/plugin.spec.ts',
    'server/plugin.mock.ts',
    'server/plugin.mocks.ts',
    'server/plugin.test.mocks.ts',
    'server/__mocks__/client.ts',
    'server/lib/__tests__/a.ts',
    'server/types.d.ts',
    'server/README.md',
  ])('skips %s', (file) => {
    expect(isShippedServerFile(file)).toBe(false);
  });
});

describe('transformServerSource', () => {
  it('emits CommonJS, keeps @kbn requires for Kibana to resolve, and lowers lazy imports', async () => {
    const source = [
      "import type { Logger } from '@kbn/core/server';",
      "import { schema } from '@kbn/config-schema';",
      'export const config = { schema: schema.object({}) };',
      'export const plugin = async (log: Logger) => {',
      "  const { Impl } = await import('./plugin');",
      '  return new Impl(log);',
      '};',
    ].join('\n');
    const { code, map } = await transformServerSource(source, 'server/index.ts');

    expect(code).toContain('require("@kbn/config-schema")');
    expect(code).not.toContain('@kbn/core/server');
    expect(code).toMatch(
      /Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("\.\/plugin"\)\)\)/
    );
    expect(code).not.toMatch(/\bimport\(/);
    expect(code).toContain('module.exports = __toCommonJS(');
    expect(map).toBeUndefined();
  });

  it('can emit a source map', async () => {
    const { map } = await transformServerSource('export const a: number = 1;', 'common/a.ts', {
      sourcemap: true,
    });
    expect(JSON.parse(map ?? '{}')).toEqual(expect.objectContaining({ sources: ['common/a.ts'] }));
  });
});
