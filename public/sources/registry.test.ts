import { SOURCE_DEFINITIONS } from '../../common/sources/registry';
import { PUBLIC_SOURCES, publicSource } from './registry';

describe('public source registry', () => {
  it('has one part per registered source, in the same order, each with its own definition', () => {
    expect(PUBLIC_SOURCES.map((source) => source.kind)).toEqual(
      SOURCE_DEFINITIONS.map((definition) => definition.kind)
    );
    for (const definition of SOURCE_DEFINITIONS) {
      expect(publicSource(definition.kind).definition).toBe(definition);
    }
  });

  it.each(PUBLIC_SOURCES.map((source) => [source.kind, source] as const))(
    '%s: the form has a field for every secret and every destination setting',
    (_kind, source) => {
      const paths = source.fields().map((field) => field.path);
      const secretPaths = source
        .fields()
        .filter((field) => field.secret)
        .map((field) => field.path);
      expect(secretPaths.sort()).toEqual(
        source.definition.secretNames.map((name) => `secrets.${name}`).sort()
      );
      for (const field of source.definition.destinationFields) {
        expect(paths).toContain(`settings.${field}`);
      }
      for (const path of Object.keys(source.createValues)) expect(paths).toContain(path);
    }
  );
});
