export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | undefined>;
  switches: Set<string>;
}

export class ArgsError extends Error {}

/**
 * Minimal `--name value` / `--name=value` parser for our scripts. `strings` take a value,
 * `booleans` do not; anything else is an error naming the flag.
 */
export function parseArgs(
  argv: readonly string[],
  spec: { strings?: readonly string[]; booleans?: readonly string[] } = {}
): ParsedArgs {
  const strings = new Set(spec.strings ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const positional: string[] = [];
  const flags: Record<string, string | undefined> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (booleans.has(name)) {
      switches.add(name);
    } else if (strings.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ArgsError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      throw new ArgsError(`unknown option --${name}`);
    }
  }
  return { positional, flags, switches };
}
