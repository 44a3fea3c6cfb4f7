import { ArgsError, parseArgs } from './args';

const spec = { strings: ['namespace', 'es'], booleans: ['help', 'refresh'], short: { h: 'help' } };

describe('parseArgs', () => {
  it('reads --name value, --name=value, switches and positionals', () => {
    const parsed = parseArgs(['lumos', '--namespace', 'prod', '--es=http://x', '--refresh'], spec);
    expect(parsed.positional).toEqual(['lumos']);
    expect(parsed.flags).toEqual({ namespace: 'prod', es: 'http://x' });
    expect([...parsed.switches]).toEqual(['refresh']);
  });

  it('takes the next argument as the value whatever it looks like, and the last repeat', () => {
    expect(parseArgs(['--namespace', '--refresh'], spec).flags.namespace).toBe('--refresh');
    expect(parseArgs(['--namespace=', 'x'], spec).flags.namespace).toBe('');
    expect(parseArgs(['--es', 'a', '--es', 'b'], spec).flags.es).toBe('b');
  });

  it('maps short aliases and treats everything after -- as positional', () => {
    expect(parseArgs(['-h'], spec).switches.has('help')).toBe(true);
    expect(parseArgs(['--', '--bogus'], spec).positional).toEqual(['--bogus']);
  });

  it('refuses unknown options, missing values and values for switches, naming the option', () => {
    const problem = (argv: string[]) => {
      try {
        parseArgs(argv, spec);
      } catch (error) {
        expect(error).toBeInstanceOf(ArgsError);
        return [(error as ArgsError).message, (error as ArgsError).problem];
      }
      throw new Error('accepted');
    };
    expect(problem(['--bogus'])).toEqual([
      'unknown option --bogus',
      { kind: 'unknown', option: '--bogus' },
    ]);
    expect(problem(['-x'])).toEqual(['unknown option -x', { kind: 'unknown', option: '-x' }]);
    expect(problem(['--es'])).toEqual([
      '--es needs a value',
      { kind: 'missing-value', option: '--es' },
    ]);
    expect(problem(['--refresh=no'])).toEqual([
      '--refresh takes no value',
      { kind: 'unexpected-value', option: '--refresh' },
    ]);
  });
});
