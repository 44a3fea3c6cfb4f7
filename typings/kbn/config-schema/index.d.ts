/*
 * Local declarations for `@kbn/config-schema` (Kibana 9.4.3).
 * Mirrors src/platform/packages/shared/kbn-config-schema/{index.ts,src/types/*.ts}: only the
 * builder subset a plugin needs for its config, route validation and Task Manager state schemas.
 * Where Kibana uses `any` (e.g. `Type<any>` in Props) these use `unknown`.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 *
 * RUNTIME VALUES a host must provide: `schema` (builder object), and the classes `Type` and
 * `ObjectType` (only needed if code uses them as values, e.g. `instanceof`).
 */

// src/platform/packages/shared/kbn-config-schema/src/types/type.ts (TypeOptions; `meta` and
// `Reference` default values omitted)
export interface TypeOptions<T> {
  defaultValue?: T | (() => T);
  validate?: (value: T) => string | void;
}

// src/platform/packages/shared/kbn-config-schema/src/types/type.ts
export type OptionsForUnknowns = 'allow' | 'ignore' | 'forbid';
export interface UnknownOptions {
  unknowns?: OptionsForUnknowns;
}
export interface SchemaValidationOptions {
  stripUnknownKeys?: boolean;
}

// src/platform/packages/shared/kbn-config-schema/src/types/type.ts (abstract class Type<V>; the Joi
// internals — constructor(schema), getSchema(), handleError — are omitted)
export declare abstract class Type<V> {
  /** Phantom property carrying the validated value type (used by TypeOf). */
  readonly type: V;
  readonly __isKbnConfigSchemaType: true;
  validate(
    value: unknown,
    context?: Record<string, unknown>,
    namespace?: string,
    validationOptions?: SchemaValidationOptions
  ): V;
}

// src/platform/packages/shared/kbn-config-schema/src/types/object_type.ts (Kibana: `Type<any>`)
export type Props = Record<string, Type<unknown>>;
export type NullableProps = Record<string, Type<unknown> | undefined | null>;
export type TypeOrLazyType = Type<unknown> | (() => Type<unknown>);
export type TypeOf<RT extends TypeOrLazyType> = RT extends () => Type<unknown>
  ? ReturnType<RT>['type']
  : RT extends Type<unknown>
    ? RT['type']
    : never;

type OptionalProperties<Base extends Props> = Pick<
  Base,
  { [Key in keyof Base]: undefined extends TypeOf<Base[Key]> ? Key : never }[keyof Base]
>;
type RequiredProperties<Base extends Props> = Pick<
  Base,
  { [Key in keyof Base]: undefined extends TypeOf<Base[Key]> ? never : Key }[keyof Base]
>;
export type ObjectResultType<P extends Props> = Readonly<
  { [K in keyof OptionalProperties<P>]?: TypeOf<P[K]> } & {
    [K in keyof RequiredProperties<P>]: TypeOf<P[K]>;
  }
>;

type DefinedProperties<Base extends NullableProps> = Pick<
  Base,
  {
    [Key in keyof Base]: undefined extends Base[Key] ? never : null extends Base[Key] ? never : Key;
  }[keyof Base]
>;
type ExtendedProps<P extends Props, NP extends NullableProps> = Omit<P, keyof NP> & {
  [K in keyof DefinedProperties<NP>]: NP[K];
};

// src/platform/packages/shared/kbn-config-schema/src/types/object_type.ts (`meta` omitted)
export type ObjectTypeOptions<P extends Props = Props> = TypeOptions<ObjectResultType<P>> &
  UnknownOptions;

// src/platform/packages/shared/kbn-config-schema/src/types/object_type.ts (subset: extends,
// getPropSchemas). Kibana's default for P is `any`.
export declare class ObjectType<P extends Props = Props> extends Type<ObjectResultType<P>> {
  extends<NP extends NullableProps>(
    newProps: NP,
    newOptions?: ObjectTypeOptions<ExtendedProps<P, NP>>
  ): ObjectType<ExtendedProps<P, NP>>;
  getPropSchemas(): P;
}

// src/platform/packages/shared/kbn-config-schema/src/types/string_type.ts
export type StringOptions = TypeOptions<string> & {
  minLength?: number;
  maxLength?: number;
  hostname?: boolean;
  coerceFromNumber?: boolean;
};
// src/platform/packages/shared/kbn-config-schema/src/types/number_type.ts
export type NumberOptions = TypeOptions<number> & {
  min?: number;
  max?: number;
  unsafe?: boolean;
};
// src/platform/packages/shared/kbn-config-schema/src/types/array_type.ts
export type ArrayOptions<T> = TypeOptions<T[]> &
  UnknownOptions & {
    minSize?: number;
    maxSize?: number;
  };
// src/platform/packages/shared/kbn-config-schema/src/types/record_type.ts
export type RecordOfOptions<K extends string, V> = TypeOptions<Record<K, V>> & UnknownOptions;
// src/platform/packages/shared/kbn-config-schema/src/types/union_type.ts
export type UnionTypeOptions<T> = TypeOptions<T>;

// src/platform/packages/shared/kbn-config-schema/index.ts (builder functions; subset).
// Kibana declares oneOf overloads for 1..17 members; 1..8 are declared here.
declare function boolean(options?: TypeOptions<boolean>): Type<boolean>;
declare function string(options?: StringOptions): Type<string>;
declare function number(options?: NumberOptions): Type<number>;
declare function literal<T extends string | number | boolean | null>(value: T): Type<T>;
declare function maybe<V>(type: Type<V>): Type<V | undefined>;
declare function nullable<V>(type: Type<V>): Type<V | null>;
declare function object<P extends Props>(props: P, options?: ObjectTypeOptions<P>): ObjectType<P>;
declare function arrayOf<T>(itemType: Type<T>, options?: ArrayOptions<T>): Type<T[]>;
declare function recordOf<K extends string, V>(
  keyType: Type<K>,
  valueType: Type<V>,
  options?: RecordOfOptions<K, V>
): Type<Record<K, V>>;
declare function oneOf<A, B, C, D, E, F, G, H>(
  types: [Type<A>, Type<B>, Type<C>, Type<D>, Type<E>, Type<F>, Type<G>, Type<H>],
  options?: UnionTypeOptions<A | B | C | D | E | F | G | H>
): Type<A | B | C | D | E | F | G | H>;
declare function oneOf<A, B, C, D, E, F, G>(
  types: [Type<A>, Type<B>, Type<C>, Type<D>, Type<E>, Type<F>, Type<G>],
  options?: UnionTypeOptions<A | B | C | D | E | F | G>
): Type<A | B | C | D | E | F | G>;
declare function oneOf<A, B, C, D, E, F>(
  types: [Type<A>, Type<B>, Type<C>, Type<D>, Type<E>, Type<F>],
  options?: UnionTypeOptions<A | B | C | D | E | F>
): Type<A | B | C | D | E | F>;
declare function oneOf<A, B, C, D, E>(
  types: [Type<A>, Type<B>, Type<C>, Type<D>, Type<E>],
  options?: UnionTypeOptions<A | B | C | D | E>
): Type<A | B | C | D | E>;
declare function oneOf<A, B, C, D>(
  types: [Type<A>, Type<B>, Type<C>, Type<D>],
  options?: UnionTypeOptions<A | B | C | D>
): Type<A | B | C | D>;
declare function oneOf<A, B, C>(
  types: [Type<A>, Type<B>, Type<C>],
  options?: UnionTypeOptions<A | B | C>
): Type<A | B | C>;
declare function oneOf<A, B>(
  types: [Type<A>, Type<B>],
  options?: UnionTypeOptions<A | B>
): Type<A | B>;
declare function oneOf<A>(types: [Type<A>], options?: UnionTypeOptions<A>): Type<A>;

// src/platform/packages/shared/kbn-config-schema/index.ts (`export const schema = {...}`). RUNTIME
// VALUE. Subset: any, buffer, stream, uri, byteSize, duration, ip, never, mapOf, discriminatedUnion,
// allOf/intersection, conditional, contextRef, siblingRef and lazy are not declared.
export declare const schema: {
  arrayOf: typeof arrayOf;
  boolean: typeof boolean;
  literal: typeof literal;
  maybe: typeof maybe;
  nullable: typeof nullable;
  number: typeof number;
  object: typeof object;
  oneOf: typeof oneOf;
  union: typeof oneOf;
  recordOf: typeof recordOf;
  string: typeof string;
};
export type Schema = typeof schema;
