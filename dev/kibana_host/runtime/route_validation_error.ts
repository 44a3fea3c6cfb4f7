/*
 * RouteValidationError (src/core/packages/http/server/src/router/route_validator.ts). Declared as a
 * class in @kbn/core/server, so it is a run-time value there too.
 */
import type { RouteValidationError as Declared } from '@kbn/core/server';

export class RouteValidationError extends Error implements Declared {
  readonly path: string[];
  constructor(error: Error | string, path: string[] = []) {
    super(typeof error === 'string' ? error : error.message);
    this.name = 'RouteValidationError';
    this.path = path;
  }
}
