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
import { errorMessage } from '../lib/error_message';
import { SourceError } from '../lib/retry_policy';

function statusOf(error: unknown): number | undefined {
  const e = error as {
    statusCode?: unknown;
    meta?: { statusCode?: unknown };
    output?: { statusCode?: unknown };
  };
  const status = e.output?.statusCode ?? e.meta?.statusCode ?? e.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The path of Elasticsearch's grant API (security plugin's APIKeys.grantAsInternalUser). */
const GRANT_API_PATH = '/_security/api_key/grant';

interface EsResponseErrorShape {
  name?: unknown;
  meta?: { statusCode?: unknown; meta?: { request?: { params?: { path?: unknown } } } };
}

/** An @elastic/elasticsearch ResponseError (by name: the host and Kibana bundle their own copy). */
function esResponseError(error: unknown): EsResponseErrorShape | undefined {
  const e = error as EsResponseErrorShape | null;
  return e && e.name === 'ResponseError' && e.meta ? e : undefined;
}

function isGrantRequest(error: EsResponseErrorShape): boolean {
  const path = error.meta?.meta?.request?.params?.path;
  return typeof path === 'string' && path.split('?')[0] === GRANT_API_PATH;
}

/** `message` starting with the party's name, so the user knows whose credentials to fix. */
function naming(party: string, message: string): string {
  return message.startsWith(party) ? message : `${party}: ${message}`;
}

/**
 * A refusal of credentials by someone other than Kibana's own authentication, as the status and
 * message to answer with; undefined when `error` is no such refusal.
 *
 * Never 401: Kibana's browser security plugin (UnauthorizedResponseHttpInterceptor) logs the
 * user out on any 401 from an API call, and none of these says the Kibana session is bad.
 * - The API-key grant (403, for its 401s and 403s): Elasticsearch refused to grant the writer
 *   key; the user is authenticated but cannot be given a key that way (their credentials do not
 *   suit a grant, or Kibana may not grant), a refusal of the operation, not of the session.
 * - A source (502, SourceError, named by its `service`): a remote source rejected the connector's own
 *   credentials; Kibana acted as a gateway to it. Not 400: for a stored connector nothing in
 *   the request is wrong, and not 403: the Kibana user's privileges are not in question.
 * - Elasticsearch otherwise (502): a call Kibana made was refused, with the user's or Kibana's
 *   own credentials (the error does not say which); the session was checked before the handler.
 * - Any other 401 (403): an authorization failure without a known upstream.
 */
function refusal(error: unknown, message: string): { status: number; message: string } | undefined {
  if (error instanceof SourceError) {
    if (error.status !== 401 && error.status !== 403) return undefined;
    return { status: 502, message: naming(error.service ?? 'The source', message) };
  }
  const es = esResponseError(error);
  const esStatus = es?.meta?.statusCode;
  // 403 too: Elasticsearch answers a grant whose user credentials fail with 403, which as a
  // bare "security_exception" would not say that the grant was what failed.
  if (es && (esStatus === 401 || esStatus === 403) && isGrantRequest(es)) {
    return {
      status: 403,
      message: `Elasticsearch's API-key grant refused to create the connector's writer key (${message}). The connector writes with an API key granted for the user who saves it: that user must be able to log in with a password or token (or call the API with an API key), and Kibana must be allowed to grant API keys.`,
    };
  }
  if (es && esStatus === 401) {
    return {
      status: 502,
      message: `Elasticsearch rejected the credentials of a request Kibana made for you (${message})`,
    };
  }
  if (statusOf(error) === 401) {
    return { status: 403, message: `Not authorized (refused with 401): ${message}` };
  }
  return undefined;
}

/**
 * Turns what a handler threw into an answer: our own errors by class, saved-object and
 * Elasticsearch errors by status (403 stays 403, so "no privilege" reads as such), refused
 * credentials never as 401 (see refusal). Messages come from our code, the saved-objects layer
 * or Elasticsearch, none of which echo secrets; bodies are never logged.
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
    if (SavedObjectsErrorHelpers.isForbiddenError(error)) {
      return response.forbidden({ body: { message } });
    }
    // The repository's decoration of an Elasticsearch 401 (decorateEsError): 403, never 401.
    if (SavedObjectsErrorHelpers.isNotAuthorizedError(error)) {
      return response.forbidden({
        body: { message: `Elasticsearch refused a saved-objects request (${message})` },
      });
    }
  }
  const refused = refusal(error, message);
  if (refused) {
    if (refused.status >= 500) logger.error(`Audit Sources request failed: ${refused.message}`);
    return response.customError({ statusCode: refused.status, body: { message: refused.message } });
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
