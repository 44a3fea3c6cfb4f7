import type {
  IKibanaResponse,
  KibanaRequest,
  KibanaResponseFactory,
  Logger,
  RequestHandler,
  RequestHandlerContext,
  RouteMethod,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import {
  ConnectorConflictError,
  ConnectorNotFoundError,
  ConnectorValidationError,
} from '../connectors/errors';
import { errorMessage } from '../connectors/redact';

function statusOf(error: unknown): number | undefined {
  const e = error as {
    statusCode?: unknown;
    meta?: { statusCode?: unknown };
    output?: { statusCode?: unknown };
  };
  const status = e.output?.statusCode ?? e.meta?.statusCode ?? e.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Turns what a handler threw into an answer: our own errors by class, saved-object and
 * Elasticsearch errors by status (403 stays 403, so "no privilege" reads as such). Messages come
 * from our code, the saved-objects layer or Elasticsearch, none of which echo secrets; bodies are
 * never logged.
 */
export function errorResponse(
  error: unknown,
  response: KibanaResponseFactory,
  logger: Logger
): IKibanaResponse {
  const message = errorMessage(error);
  if (error instanceof ConnectorNotFoundError) return response.notFound({ body: { message } });
  if (error instanceof ConnectorValidationError) {
    return response.badRequest({ body: { message, attributes: { fields: error.fields } } });
  }
  if (error instanceof ConnectorConflictError) return response.conflict({ body: { message } });
  if (error instanceof Error && SavedObjectsErrorHelpers.isSavedObjectsClientError(error)) {
    if (SavedObjectsErrorHelpers.isNotFoundError(error))
      return response.notFound({ body: { message } });
    if (SavedObjectsErrorHelpers.isConflictError(error))
      return response.conflict({ body: { message } });
    if (
      SavedObjectsErrorHelpers.isForbiddenError(error) ||
      SavedObjectsErrorHelpers.isNotAuthorizedError(error)
    ) {
      return response.forbidden({ body: { message } });
    }
  }
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return response.customError({ statusCode: status, body: { message } });
  }
  logger.error(`Audit Sources request failed: ${message}`);
  return response.customError({
    statusCode: status && status >= 500 ? status : 500,
    body: { message },
  });
}

/** Wraps a handler so every failure goes through errorResponse. */
export function withErrorHandling<P, Q, B, Method extends RouteMethod>(
  logger: Logger,
  handler: (
    context: RequestHandlerContext,
    request: KibanaRequest<P, Q, B, Method>,
    response: KibanaResponseFactory
  ) => Promise<IKibanaResponse>
): RequestHandler<P, Q, B, RequestHandlerContext, Method> {
  return async (context, request, response) => {
    try {
      return await handler(context, request, response);
    } catch (error) {
      return errorResponse(error, response, logger);
    }
  };
}
