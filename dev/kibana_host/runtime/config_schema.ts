/*
 * Runtime for `@kbn/config-schema` (the subset declared in typings/kbn/config-schema/index.d.ts).
 *
 * Kibana builds these on Joi (src/platform/packages/shared/kbn-config-schema/src/types/*.ts); this is
 * a small hand-written validator with the same observable behaviour for the declared builders:
 * defaults, `maybe`/`nullable`, `unknowns: 'forbid' | 'ignore' | 'allow'` (forbid by default), string
 * → number/boolean coercion, custom `validate` returning a message, and Kibana's error texts
 * (`[path]: expected value of type [string] but got [undefined]`, formatted like
 * src/platform/packages/shared/kbn-config-schema/src/errors/validation_error.ts).
 */
import type {
  ArrayOptions,
  ExtendedProps as DeclExtendedProps,
  NullableProps,
  NumberOptions,
  ObjectResultType,
  ObjectType as DeclObjectType,
  ObjectTypeOptions,
  OptionsForUnknowns,
  Props,
  RecordOfOptions,
  Schema,
  SchemaValidationOptions,
  StringOptions,
  Type as DeclType,
  TypeOptions,
  UnionTypeOptions,
} from '@kbn/config-schema';

/** An error at `path` (relative to the value being validated). */
export class SchemaTypeError extends Error {
  constructor(
    message: string,
    public readonly path: string[]
  ) {
    super(message);
  }
}

/** A union failure: every alternative's error, like Kibana's SchemaTypesError. */
export class SchemaTypesError extends SchemaTypeError {
  constructor(
    message: string,
    path: string[],
    public readonly errors: SchemaTypeError[]
  ) {
    super(message, path);
  }
}

/** Thrown by `validate()`; the message carries the `[namespace.path]: ` prefix like Kibana's. */
export class ValidationError extends Error {
  constructor(
    public readonly error: SchemaTypeError,
    namespace?: string
  ) {
    super(ValidationError.extractMessage(error, namespace));
    this.name = 'ValidationError';
  }

  // src/platform/packages/shared/kbn-config-schema/src/errors/validation_error.ts (extractMessage)
  static extractMessage(error: SchemaTypeError, namespace?: string, level = 0): string {
    const path = namespace ? [namespace, ...error.path] : error.path;
    let message = error.message;
    if (error instanceof SchemaTypesError) {
      const children = error.errors.map((child) =>
        ValidationError.extractMessage(child, namespace, level + 1)
      );
      message = `${message}\n${children.map((c) => `${' '.repeat(level)}- ${c}`).join('\n')}`;
    }
    return path.length ? `[${path.join('.')}]: ${message}` : message;
  }
}

/** type-detect's names, which Kibana's messages use (`Object`, `Array`, `null`, `number`…). */
export function typeDetect(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'object') return 'Object';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export abstract class Type<V> implements DeclType<V> {
  /** Phantom: only used by TypeOf at compile time. */
  declare readonly type: V;
  readonly __isKbnConfigSchemaType = true as const;

  constructor(protected readonly options: TypeOptions<V> = {}) {}

  /** Validate the value (already defaulted) at `path`; throw SchemaTypeError. */
  protected abstract check(value: unknown, path: string[], strip: boolean): V;

  /** Applies default, type check and the custom `validate` option. */
  run(value: unknown, path: string[], strip: boolean): V {
    let input = value;
    if (input === undefined && this.options.defaultValue !== undefined) {
      const d = this.options.defaultValue;
      input = typeof d === 'function' ? (d as () => V)() : d;
    }
    const result = this.check(input, path, strip);
    const custom = this.options.validate?.(result);
    if (typeof custom === 'string') throw new SchemaTypeError(custom, path);
    return result;
  }

  validate(
    value: unknown,
    _context?: Record<string, unknown>,
    namespace?: string,
    validationOptions?: SchemaValidationOptions
  ): V {
    try {
      return this.run(value, [], validationOptions?.stripUnknownKeys === true);
    } catch (error) {
      if (error instanceof SchemaTypeError) throw new ValidationError(error, namespace);
      throw error;
    }
  }
}

export function isConfigSchemaType(value: unknown): value is Type<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { __isKbnConfigSchemaType?: unknown }).__isKbnConfigSchemaType === true
  );
}

const typeError = (expected: string, value: unknown, path: string[]) =>
  new SchemaTypeError(`expected value of type [${expected}] but got [${typeDetect(value)}]`, path);

class BooleanType extends Type<boolean> {
  protected check(value: unknown, path: string[]): boolean {
    // kbn-config-schema/src/types/boolean_type.ts accepts 'true'/'false' strings.
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
      return value.toLowerCase() === 'true';
    }
    if (typeof value !== 'boolean') throw typeError('boolean', value, path);
    return value;
  }
}

class StringType extends Type<string> {
  constructor(private readonly stringOptions: StringOptions = {}) {
    super(stringOptions);
  }
  protected check(value: unknown, path: string[]): string {
    let v = value;
    if (typeof v === 'number' && this.stringOptions.coerceFromNumber) v = String(v);
    if (typeof v !== 'string') throw typeError('string', v, path);
    const { minLength, maxLength, hostname } = this.stringOptions;
    if (minLength !== undefined && v.length < minLength) {
      throw new SchemaTypeError(
        `value has length [${v.length}] but it must have a minimum length of [${minLength}].`,
        path
      );
    }
    if (maxLength !== undefined && v.length > maxLength) {
      throw new SchemaTypeError(
        `value has length [${v.length}] but it must have a maximum length of [${maxLength}].`,
        path
      );
    }
    if (hostname && !/^[a-zA-Z0-9.-]+$/.test(v)) {
      throw new SchemaTypeError('value must be a valid hostname (see RFC 1123).', path);
    }
    return v;
  }
}

class NumberType extends Type<number> {
  constructor(private readonly numberOptions: NumberOptions = {}) {
    super(numberOptions);
  }
  protected check(value: unknown, path: string[]): number {
    // Joi's number() converts numeric strings (query strings arrive as strings).
    let v = value;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) v = Number(v);
    if (typeof v !== 'number' || Number.isNaN(v)) throw typeError('number', v, path);
    const { min, max } = this.numberOptions;
    if (min !== undefined && v < min) {
      throw new SchemaTypeError(`Value must be equal to or greater than [${min}].`, path);
    }
    if (max !== undefined && v > max) {
      throw new SchemaTypeError(`Value must be equal to or lower than [${max}].`, path);
    }
    return v;
  }
}

class LiteralType<T> extends Type<T> {
  constructor(private readonly expected: T) {
    super();
  }
  protected check(value: unknown, path: string[]): T {
    if (value !== this.expected) {
      throw new SchemaTypeError(`expected value to equal [${String(this.expected)}]`, path);
    }
    return this.expected;
  }
}

class MaybeType<V> extends Type<V | undefined> {
  constructor(private readonly inner: Type<V>) {
    super();
  }
  protected check(value: unknown, path: string[], strip: boolean): V | undefined {
    // MaybeType resets the inner default (`.optional().default()`): undefined stays undefined.
    return value === undefined ? undefined : this.inner.run(value, path, strip);
  }
}

class NullableType<V> extends Type<V | null> {
  constructor(private readonly inner: Type<V>) {
    super();
  }
  protected check(value: unknown, path: string[], strip: boolean): V | null {
    // Kibana: oneOf([type, literal(null)], { defaultValue: null }).
    return value === undefined || value === null ? null : this.inner.run(value, path, strip);
  }
}

export class ObjectType<P extends Props = Props>
  extends Type<ObjectResultType<P>>
  implements DeclObjectType<P>
{
  constructor(
    private readonly props: P,
    private readonly objectOptions: ObjectTypeOptions<P> = {}
  ) {
    super(objectOptions);
  }

  get unknowns(): OptionsForUnknowns {
    return this.objectOptions.unknowns ?? 'forbid';
  }

  protected check(value: unknown, path: string[], strip: boolean): ObjectResultType<P> {
    // Kibana's object() defaults to `{}` filled from the children's defaults.
    const input = value === undefined ? {} : value;
    if (!isPlainObject(input)) {
      throw new SchemaTypeError(
        `expected a plain object value, but found [${typeDetect(input)}] instead.`,
        path
      );
    }
    const out: Record<string, unknown> = {};
    for (const [key, type] of Object.entries(this.props)) {
      const v = (type as Type<unknown>).run(input[key], [...path, key], strip);
      if (v !== undefined) out[key] = v;
    }
    for (const [key, v] of Object.entries(input)) {
      if (key in this.props) continue;
      if (this.unknowns === 'allow' && !strip) out[key] = v;
      else if (this.unknowns === 'forbid' && !strip) {
        throw new SchemaTypeError('definition for this key is missing', [...path, key]);
      }
      // 'ignore' strips unknown keys (Joi stripUnknown).
    }
    return out as ObjectResultType<P>;
  }

  extends<NP extends NullableProps>(
    newProps: NP,
    newOptions?: ObjectTypeOptions<DeclExtendedProps<P, NP>>
  ): DeclObjectType<DeclExtendedProps<P, NP>> {
    const props: Record<string, Type<unknown>> = { ...(this.props as Props) } as Record<
      string,
      Type<unknown>
    >;
    for (const [key, type] of Object.entries(newProps)) {
      if (type == null) delete props[key];
      else props[key] = type as Type<unknown>;
    }
    const options = { ...this.objectOptions, ...newOptions } as ObjectTypeOptions<
      DeclExtendedProps<P, NP>
    >;
    return new ObjectType(props as DeclExtendedProps<P, NP>, options);
  }

  getPropSchemas(): P {
    return this.props;
  }
}

class ArrayType<T> extends Type<T[]> {
  constructor(
    private readonly item: Type<T>,
    private readonly arrayOptions: ArrayOptions<T> = {}
  ) {
    super(arrayOptions);
  }
  protected check(value: unknown, path: string[], strip: boolean): T[] {
    if (!Array.isArray(value)) throw typeError('array', value, path);
    const { minSize, maxSize } = this.arrayOptions;
    if (minSize !== undefined && value.length < minSize) {
      throw new SchemaTypeError(
        `array size is [${value.length}], but cannot be smaller than [${minSize}]`,
        path
      );
    }
    if (maxSize !== undefined && value.length > maxSize) {
      throw new SchemaTypeError(
        `array size is [${value.length}], but cannot be greater than [${maxSize}]`,
        path
      );
    }
    return value.map((v, i) => this.item.run(v, [...path, String(i)], strip));
  }
}

class RecordType<K extends string, V> extends Type<Record<K, V>> {
  constructor(
    private readonly keyType: Type<K>,
    private readonly valueType: Type<V>,
    options: RecordOfOptions<K, V> = {}
  ) {
    super(options);
  }
  protected check(value: unknown, path: string[], strip: boolean): Record<K, V> {
    if (!isPlainObject(value)) throw typeError('object', value, path);
    const out = {} as Record<K, V>;
    for (const [k, v] of Object.entries(value)) {
      let key: K;
      try {
        key = this.keyType.run(k, [], strip);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new SchemaTypeError(`[key("${k}")]: ${reason}`, path);
      }
      out[key] = this.valueType.run(v, [...path, k], strip);
    }
    return out;
  }
}

class UnionType<T> extends Type<T> {
  constructor(
    private readonly types: Array<Type<T>>,
    options: UnionTypeOptions<T> = {}
  ) {
    super(options);
  }
  protected check(value: unknown, path: string[], strip: boolean): T {
    const errors: SchemaTypeError[] = [];
    for (const [i, type] of this.types.entries()) {
      try {
        return type.run(value, path, strip);
      } catch (error) {
        if (!(error instanceof SchemaTypeError)) throw error;
        errors.push(new SchemaTypeError(error.message, [...path, String(i)]));
      }
    }
    throw new SchemaTypesError('types that failed validation:', path, errors);
  }
}

/** Builders receive declared `Type`s; only this runtime's instances can be validated. */
function impl<V>(type: DeclType<V>): Type<V> {
  if (!(type instanceof Type)) throw new Error('not a @kbn/config-schema type of this runtime');
  return type as Type<V>;
}

// Each builder is typed by the declaration (typeof schema.x): tsc proves the runtime conforms.
const boolean: Schema['boolean'] = (options) => new BooleanType(options);
const string: Schema['string'] = (options) => new StringType(options);
const number: Schema['number'] = (options) => new NumberType(options);
const literal: Schema['literal'] = (value) => new LiteralType(value);
const maybe: Schema['maybe'] = (type) => new MaybeType(impl(type));
const nullable: Schema['nullable'] = (type) => new NullableType(impl(type));
const object: Schema['object'] = (props, options) => new ObjectType(props, options);
const arrayOf: Schema['arrayOf'] = (item, options) => new ArrayType(impl(item), options);
const recordOf: Schema['recordOf'] = (keyType, valueType, options) =>
  new RecordType(impl(keyType), impl(valueType), options);
// The declaration has 8 overloads; one generic implementation serves them all.
const oneOf = ((types: Array<DeclType<unknown>>, options?: UnionTypeOptions<unknown>) =>
  new UnionType(types.map(impl), options)) as Schema['oneOf'];

export const schema: Schema = {
  arrayOf,
  boolean,
  literal,
  maybe,
  nullable,
  number,
  object,
  oneOf,
  union: oneOf,
  recordOf,
  string,
};
