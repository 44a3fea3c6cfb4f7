import { schema } from './runtime/config_schema';

describe('kibana host: @kbn/config-schema runtime', () => {
  const s = schema.object({
    name: schema.string({ minLength: 1 }),
    size: schema.number({ defaultValue: 10, max: 100 }),
    mode: schema.oneOf([schema.literal('a'), schema.literal('b')], { defaultValue: 'a' }),
    tags: schema.arrayOf(schema.string(), { defaultValue: [] }),
    labels: schema.recordOf(schema.string(), schema.number(), { defaultValue: {} }),
    proxy: schema.maybe(schema.nullable(schema.string())),
    flag: schema.boolean({ defaultValue: false }),
  });

  it('applies defaults and coercions', () => {
    expect(s.validate({ name: 'x', size: '5', flag: 'true' })).toEqual({
      name: 'x',
      size: 5,
      mode: 'a',
      tags: [],
      labels: {},
      flag: true,
    });
  });

  it("reports errors in Kibana's format", () => {
    expect(() => s.validate({})).toThrow(
      '[name]: expected value of type [string] but got [undefined]'
    );
    expect(() => s.validate({ name: 'x', size: 101 })).toThrow(
      '[size]: Value must be equal to or lower than [100].'
    );
    expect(() => s.validate({ name: 'x', tags: [1] })).toThrow(
      '[tags.0]: expected value of type [string] but got [number]'
    );
    expect(() => s.validate({ name: 'x', mode: 'c' }, {}, 'cfg')).toThrow(
      '[cfg.mode]: types that failed validation:\n- [cfg.mode.0]: expected value to equal [a]\n- [cfg.mode.1]: expected value to equal [b]'
    );
    expect(() => s.validate({ name: 'x', extra: 1 })).toThrow(
      '[extra]: definition for this key is missing'
    );
    expect(() => s.validate(null)).toThrow(
      'expected a plain object value, but found [null] instead.'
    );
  });

  it('extends objects and handles unknown keys', () => {
    const ignore = s.extends({ flag: undefined }, { unknowns: 'ignore' });
    expect(ignore.validate({ name: 'x', flag: true, other: 1 })).toEqual({
      name: 'x',
      size: 10,
      mode: 'a',
      tags: [],
      labels: {},
    });
    const allow = schema.object({}, { unknowns: 'allow' });
    expect(allow.validate({ any: 1 })).toEqual({ any: 1 });
    const custom = schema.string({ validate: (v) => (v === 'bad' ? 'no bad values' : undefined) });
    expect(() => custom.validate('bad')).toThrow('no bad values');
  });
});
