/*
 * Runtime for `@kbn/core/server`: only the values the declarations export (DEFAULT_APP_CATEGORIES,
 * SavedObjectsErrorHelpers). Everything else in that module is types.
 */
export { DEFAULT_APP_CATEGORIES } from './core_application_common';
export { SavedObjectsErrorHelpers } from './saved_objects_error_helpers';
export { RouteValidationError } from './route_validation_error';
