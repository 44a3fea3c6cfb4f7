import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util';

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | undefined>;
  switches: Set<string>;
}

export interface ArgsSpec {
  /** Options that take a value (`--name value` or `--name=value`). */
  strings?: readonly string[];
  /** Options that take none. */
  booleans?: readonly string[];
  /** One-letter aliases, e.g. `{ h: 'help' }`. */
  short?: Readonly<Record<string, string>>;
}

export type ArgsProblem = 'unknown' | 'missing-value' | 'unexpected-value';

/** A wrong command line; `option` is the flag as typed, so a CLI can word it its own way. */
export class ArgsError extends Error {
  constructor(
    message: string,
    readonly problem?: { kind: ArgsProblem; option: string }
  ) {
    super(message);
  }
}

function options(spec: ArgsSpec): NonNullable<ParseArgsConfig['options']> {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of spec.strings ?? []) config[name] = { type: 'string' };
  for (const name of spec.booleans ?? []) config[name] = { type: 'boolean' };
  for (const [short, name] of Object.entries(spec.short ?? {})) config[name].short = short;
  return config;
}

function refuse(kind: ArgsProblem, option: string): never {
  const message = {
    unknown: `unknown option ${option}`,
    'missing-value': `${option} needs a value`,
    'unexpected-value': `${option} takes no value`,
  }[kind];
  throw new ArgsError(message, { kind, option });
}

/**
 * The scripts' one command-line parser: `node:util` parseArgs, non-strict so that its tokens are
 * checked here, with one set of messages. Like the hand parser it replaced, a value option takes
 * the next argument whatever it looks like (`--name --x` sets name to `--x`); the last of a
 * repeated option wins; everything after `--` is positional.
 */
export function parseArgs(argv: readonly string[], spec: ArgsSpec = {}): ParsedArgs {
  const config = options(spec);
  const { tokens } = parseArgv({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const parsed: ParsedArgs = { positional: [], flags: {}, switches: new Set() };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positional.push(token.value);
    if (token.kind !== 'option') continue;
    const type = Object.prototype.hasOwnProperty.call(config, token.name)
      ? config[token.name].type
      : undefined;
    if (type === undefined) refuse('unknown', token.rawName);
    if (type === 'boolean') {
      if (token.value !== undefined) refuse('unexpected-value', token.rawName);
      parsed.switches.add(token.name);
    } else {
      if (token.value === undefined) refuse('missing-value', token.rawName);
      parsed.flags[token.name] = token.value;
    }
  }
  return parsed;
}
