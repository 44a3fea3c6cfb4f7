/*
 * `@kbn/core/server` for unit tests: only the run-time values product code reads in them. The
 * saved-object errors keep Kibana's codes, `output.statusCode` and messages
 * (src/core/packages/saved-objects/server/src/saved_objects_error_helpers.ts), so a unit test sees
 * the same error a real repository throws. Add a helper here when product code starts using one.
 */
import type {
  AppCategory,
  DecoratedError,
  SavedObjectsErrorHelpers as Declared,
} from '@kbn/core/server';

export const DEFAULT_APP_CATEGORIES: Record<string, AppCategory> = Object.freeze({
  management: { id: 'management', label: 'Management', order: 5000, euiIconType: 'managementApp' },
});

const code = Symbol('SavedObjectsClientErrorCode');
type Coded = DecoratedError & { [code]?: string };

function decorate(error: Error, errorCode: string, statusCode: number, reason?: string): Coded {
  const decorated = error as Coded;
  if (reason) decorated.message = `${reason}: ${error.message}`;
  decorated[code] = errorCode;
  decorated.isBoom = true;
  decorated.output = { statusCode };
  return decorated;
}

const hasCode = (error: unknown, expected: string) =>
  typeof error === 'object' && error !== null && (error as Coded)[code] === expected;

export class SavedObjectsErrorHelpers {
  static isSavedObjectsClientError(error: unknown): error is DecoratedError {
    return (
      typeof error === 'object' && error !== null && typeof (error as Coded)[code] === 'string'
    );
  }
  static createGenericNotFoundError(type: string | null = null, id: string | null = null) {
    const message = type && id ? `Saved object [${type}/${id}] not found` : 'Not Found';
    return decorate(new Error(message), 'notFound', 404);
  }
  static isNotFoundError(error: Error | DecoratedError) {
    return hasCode(error, 'notFound');
  }
  static createConflictError(type: string, id: string, reason?: string) {
    return decorate(new Error(`Saved object [${type}/${id}] conflict`), 'conflict', 409, reason);
  }
  static isConflictError(error: Error | DecoratedError) {
    return hasCode(error, 'conflict');
  }
  /** Not declared in typings/kbn (product code only checks); tests make a 401 with it. */
  static decorateNotAuthorizedError(error: Error, reason?: string) {
    return decorate(error, 'notAuthorized', 401, reason);
  }
  static isNotAuthorizedError(error: Error | DecoratedError) {
    return hasCode(error, 'notAuthorized');
  }
  static isForbiddenError(error: Error | DecoratedError) {
    return hasCode(error, 'forbidden');
  }
}

// The helpers it has match the declared ones.
const _conforms: Pick<
  typeof Declared,
  | 'isSavedObjectsClientError'
  | 'createGenericNotFoundError'
  | 'isNotFoundError'
  | 'createConflictError'
  | 'isConflictError'
  | 'isNotAuthorizedError'
  | 'isForbiddenError'
> = SavedObjectsErrorHelpers;
void _conforms;
