/*
 * Request validation like Kibana's RouteValidator (src/core/packages/http/server/src/router/
 * route_validator.ts and router-server-internal's validator): each of params/query/body is validated
 * by a config-schema type or a validation function under the namespace `request params`,
 * `request query` or `request body`; a missing rule yields `{}`; `validate: false` skips all. The
 * error text is config-schema's `[request body.name]: expected value of type [string] but got
 * [undefined]`, which the router returns as a 400.
 */
import type {
  RouteValidationFunction,
  RouteValidationResultFactory,
  RouteValidationSpec,
  RouteValidator,
  RouteValidatorFullConfigRequest,
} from '@kbn/core/server';
import { RouteValidationError } from '../runtime/route_validation_error';
import { SchemaTypeError, ValidationError, isConfigSchemaType } from '../runtime/config_schema';

const resultFactory: RouteValidationResultFactory = {
  ok: (value) => ({ value }),
  badRequest: (error, path) => ({ error: new RouteValidationError(error, path) }),
};

function validatePart<T>(
  spec: RouteValidationSpec<T> | undefined,
  data: unknown,
  namespace: string
): T | Record<string, never> {
  if (spec === undefined) return {};
  if (isConfigSchemaType(spec)) return spec.validate(data, {}, namespace) as T;
  if (typeof spec === 'function') {
    let result: ReturnType<RouteValidationFunction<T>>;
    try {
      result = spec(data, resultFactory);
    } catch (error) {
      result = { error: new RouteValidationError(error as Error) };
    }
    if (result.error) {
      const path = result.error instanceof RouteValidationError ? result.error.path : [];
      throw new ValidationError(new SchemaTypeError(result.error.message, path), namespace);
    }
    return result.value as T;
  }
  throw new Error('The validation rule provided in the handler is not valid');
}

export interface ValidatedRequestParts {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** Resolves the route's `validate` into its request part (`false` → undefined). */
export function requestValidation<P, Q, B>(
  validate: RouteValidator<P, Q, B> | (() => RouteValidator<P, Q, B>) | false
): RouteValidatorFullConfigRequest<P, Q, B> | undefined {
  if (validate === false) return undefined;
  const resolved = typeof validate === 'function' ? validate() : validate;
  if ('request' in resolved && resolved.request) return resolved.request;
  return resolved as RouteValidatorFullConfigRequest<P, Q, B>;
}

/** Throws ValidationError (→ 400) on the first invalid part, in Kibana's order. */
export function validateRequest<P, Q, B>(
  rules: RouteValidatorFullConfigRequest<P, Q, B> | undefined,
  raw: ValidatedRequestParts
): ValidatedRequestParts {
  if (!rules) return { params: {}, query: {}, body: {} };
  return {
    params: validatePart(rules.params, raw.params, 'request params'),
    query: validatePart(rules.query, raw.query, 'request query'),
    body: validatePart(rules.body, raw.body, 'request body'),
  };
}
