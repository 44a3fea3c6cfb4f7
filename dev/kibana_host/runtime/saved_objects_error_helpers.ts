/*
 * Runtime for `SavedObjectsErrorHelpers`
 * (src/core/packages/saved-objects/server/src/saved_objects_error_helpers.ts). Kibana decorates Boom
 * errors with a symbol-keyed code; this keeps the same codes, Boom's `output` shape and the same
 * messages (`Saved object [type/id] not found`, `<reason>: Bad Request`). The code symbol is
 * registered (`Symbol.for`) so errors made by the host and by a plugin's copy of this module agree.
 */
import type {
  DecoratedError as DeclDecoratedError,
  SavedObjectsErrorHelpers as Declared,
} from '@kbn/core/server';

const code = Symbol.for('kibana-host.SavedObjectsClientErrorCode');

const CODE_BAD_REQUEST = 'SavedObjectsClient/badRequest';
const CODE_NOT_AUTHORIZED = 'SavedObjectsClient/notAuthorized';
const CODE_FORBIDDEN = 'SavedObjectsClient/forbidden';
const CODE_NOT_FOUND = 'SavedObjectsClient/notFound';
const CODE_CONFLICT = 'SavedObjectsClient/conflict';
const CODE_TOO_MANY_REQUESTS = 'SavedObjectsClient/tooManyRequests';
const CODE_ES_UNAVAILABLE = 'SavedObjectsClient/esUnavailable';
const CODE_GENERAL_ERROR = 'SavedObjectsClient/generalError';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface DecoratedError extends DeclDecoratedError {
  isBoom: true;
  output: {
    statusCode: number;
    payload: { statusCode: number; error: string; message: string };
    headers: Record<string, string>;
  };
  [code]?: string;
}

/** Boom.boomify(error, { statusCode, message }): a message is prefixed as `${message}: ${old}`. */
function decorate(error: Error, errorCode: string, statusCode: number, message?: string) {
  if (SavedObjectsErrorHelpers.isSavedObjectsClientError(error)) return error;
  const decorated = error as DecoratedError;
  if (message) decorated.message = `${message}: ${error.message}`;
  decorated.isBoom = true;
  decorated.output = {
    statusCode,
    payload: { statusCode, error: REASONS[statusCode] ?? 'Error', message: decorated.message },
    headers: {},
  };
  decorated[code] = errorCode;
  return decorated;
}

const hasCode = (error: unknown, expected: string) =>
  typeof error === 'object' && error !== null && (error as DecoratedError)[code] === expected;

export class SavedObjectsErrorHelpers {
  static isSavedObjectsClientError(error: unknown): error is DecoratedError {
    return (
      typeof error === 'object' &&
      error !== null &&
      typeof (error as DecoratedError)[code] === 'string'
    );
  }
  static decorateBadRequestError(error: Error, reason?: string) {
    return decorate(error, CODE_BAD_REQUEST, 400, reason);
  }
  static createBadRequestError(reason?: string) {
    return decorate(new Error('Bad Request'), CODE_BAD_REQUEST, 400, reason);
  }
  static createUnsupportedTypeError(type: string) {
    return SavedObjectsErrorHelpers.createBadRequestError(
      `Unsupported saved object type: '${type}'`
    );
  }
  static isBadRequestError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_BAD_REQUEST);
  }
  static decorateNotAuthorizedError(error: Error, reason?: string) {
    return decorate(error, CODE_NOT_AUTHORIZED, 401, reason);
  }
  static isNotAuthorizedError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_NOT_AUTHORIZED);
  }
  static decorateForbiddenError(error: Error, reason?: string) {
    return decorate(error, CODE_FORBIDDEN, 403, reason);
  }
  static isForbiddenError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_FORBIDDEN);
  }
  static createGenericNotFoundError(type: string | null = null, id: string | null = null) {
    const message = type && id ? `Saved object [${type}/${id}] not found` : 'Not Found';
    return decorate(new Error(message), CODE_NOT_FOUND, 404);
  }
  static isNotFoundError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_NOT_FOUND);
  }
  static createConflictError(type: string, id: string, reason?: string) {
    return decorate(new Error(`Saved object [${type}/${id}] conflict`), CODE_CONFLICT, 409, reason);
  }
  static isConflictError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_CONFLICT);
  }
  static isTooManyRequestsError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_TOO_MANY_REQUESTS);
  }
  static decorateEsUnavailableError(error: Error, reason?: string) {
    return decorate(error, CODE_ES_UNAVAILABLE, 503, reason);
  }
  static isEsUnavailableError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_ES_UNAVAILABLE);
  }
  static decorateGeneralError(error: Error, reason?: string) {
    return decorate(error, CODE_GENERAL_ERROR, 500, reason);
  }
  static isGeneralError(error: Error | DeclDecoratedError) {
    return hasCode(error, CODE_GENERAL_ERROR);
  }
}

// Conformance: the static side satisfies the declared class's static side.
const _conforms: Omit<typeof Declared, 'prototype'> = SavedObjectsErrorHelpers;
void _conforms;
