import { errors as esErrors } from '@elastic/elasticsearch';
import type { RequestHandlerContext } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import fc from 'fast-check';
import { ROUTES } from '../../common/api/routes';
import { closerBody, lumosBody } from '../__mocks__/connectors_harness';
import {
  callRoute,
  createLoggerMock,
  createResponseFactory,
  createRouterMock,
} from '../__mocks__/kibana_core_mocks';
import { RemoteAuthError } from '../sources/closer/remote_client';
import { LumosApiError } from '../sources/lumos/client';
import { errorResponse } from './error_response';
import { registerRoutes, type RouteServices } from '.';

/*
 * Kibana's browser security plugin logs the user out on any 401 from an API call
 * (x-pack/platform/plugins/shared/security/public/session/unauthorized_response_http_interceptor.ts),
 * so no refusal by an upstream may leave a route as 401: each becomes 403 or 502 with a message
 * that names who refused.
 */

/** Kibana's helper (the typings in typings/kbn declare only the checks we use in product code). */
const { decorateNotAuthorizedError } = SavedObjectsErrorHelpers as unknown as {
  decorateNotAuthorizedError(error: Error, reason?: string): Error;
};

/** A ResponseError as @elastic/elasticsearch throws it for a 401 on `path`. */
function esUnauthorized(path: string, reason: string): esErrors.ResponseError {
  return new esErrors.ResponseError({
    statusCode: 401,
    body: {
      error: {
        type: 'security_exception',
        reason,
        root_cause: [{ type: 'security_exception', reason }],
      },
      status: 401,
    },
    headers: { 'www-authenticate': 'Basic realm="security", charset="UTF-8"' },
    warnings: null,
    meta: {
      context: null,
      name: 'elasticsearch-js',
      request: { params: { method: 'POST', path }, options: {}, id: 1 },
      connection: null,
      attempts: 0,
      aborted: false,
    },
  } as unknown as ConstructorParameters<typeof esErrors.ResponseError>[0]);
}

interface Case {
  what: string;
  error: () => unknown;
  status: number;
  party: RegExp;
}

const CASES: Case[] = [
  {
    what: "Elasticsearch's API-key grant (ES client ResponseError 401)",
    error: () =>
      esUnauthorized(
        '/_security/api_key/grant',
        'unable to authenticate user [alice] for REST request [/_security/api_key/grant]'
      ),
    status: 403,
    party: /^Elasticsearch's API-key grant refused/,
  },
  {
    what: "Elasticsearch's API-key grant answering 403 (its answer to a wrong user password)",
    error: () => {
      const error = esUnauthorized(
        '/_security/api_key/grant',
        'Failed to authenticate api key grant'
      );
      error.meta.statusCode = 403;
      return error;
    },
    status: 403,
    party: /^Elasticsearch's API-key grant refused/,
  },
  {
    what: 'Elasticsearch on another call (ResponseError 401 on _search)',
    error: () => esUnauthorized('/logs-*/_search', 'unable to authenticate user [alice]'),
    status: 502,
    party: /^Elasticsearch rejected the credentials/,
  },
  {
    what: 'Lumos rejecting the API token (LumosApiError 401)',
    error: () =>
      new LumosApiError(
        'token_rejected',
        'Lumos rejected the API token (HTTP 401): check that the token is valid',
        401
      ),
    status: 502,
    party: /^Lumos rejected the API token/,
  },
  {
    what: 'Lumos error whose message does not say Lumos',
    error: () => new LumosApiError('http', 'HTTP 401', 401),
    status: 502,
    party: /^Lumos: HTTP 401/,
  },
  {
    what: "Closer's Elasticsearch rejecting the credentials (RemoteAuthError 401)",
    error: () =>
      new RemoteAuthError(
        "Closer's Elasticsearch at https://closer.example:9200 rejected the credentials (401 security_exception). Check the user/password or API key.",
        401
      ),
    status: 502,
    party: /^Closer's Elasticsearch at https:\/\/closer\.example:9200 rejected/,
  },
  {
    what: 'the saved-objects decoration of an Elasticsearch 401',
    error: () => decorateNotAuthorizedError(new Error('Unauthorized')),
    status: 403,
    party: /^Elasticsearch refused a saved-objects request/,
  },
  {
    what: 'any other error carrying statusCode 401',
    error: () => Object.assign(new Error('bulkGet: Unauthorized'), { statusCode: 401 }),
    status: 403,
    party: /^Not authorized \(refused with 401\)/,
  },
];

/** Every registered route, with a request that passes its validation. */
const ROUTE_CALLS: Array<{ method: string; path: string; parts: Record<string, unknown> }> = [
  { method: 'get', path: ROUTES.connectors, parts: {} },
  { method: 'post', path: ROUTES.connectors, parts: { body: lumosBody } },
  { method: 'get', path: ROUTES.connector, parts: { params: { id: 'c1' } } },
  { method: 'put', path: ROUTES.connector, parts: { params: { id: 'c1' }, body: closerBody } },
  { method: 'delete', path: ROUTES.connector, parts: { params: { id: 'c1' } } },
  { method: 'post', path: ROUTES.testConnection, parts: { body: lumosBody } },
  { method: 'post', path: ROUTES.preview, parts: { body: closerBody } },
  { method: 'post', path: ROUTES.runNow, parts: { params: { id: 'c1' } } },
  { method: 'get', path: ROUTES.health, parts: { params: { id: 'c1' } } },
  { method: 'get', path: ROUTES.events, parts: {} },
  {
    method: 'get',
    path: ROUTES.eventDocument,
    parts: { query: { index: '.ds-logs-lumos.activity_logs-default-2026.01.01-000001', id: 'e1' } },
  },
  { method: 'get', path: ROUTES.eventSuggestions, parts: { query: { field: 'action' } } },
  { method: 'get', path: ROUTES.savedViews, parts: {} },
  { method: 'post', path: ROUTES.savedViews, parts: { body: { dataViews: [] } } },
];

/** Routes whose services and request context both throw `error`, wherever a handler starts. */
function failingRoutes(error: () => unknown) {
  const router = createRouterMock();
  const logger = createLoggerMock();
  registerRoutes({
    router,
    logger,
    getServices: async (): Promise<RouteServices> => {
      throw error();
    },
  });
  const context = {
    get core() {
      return Promise.reject(error());
    },
  } as unknown as RequestHandlerContext;
  return { router, logger, context };
}

describe('errorResponse: no 401 leaves a route', () => {
  it('covers every registered route', () => {
    const { router } = failingRoutes(() => new Error('unused'));
    expect(router.routes.map((r) => `${r.method} ${r.config.path}`).sort()).toEqual(
      ROUTE_CALLS.map((c) => `${c.method} ${c.path}`).sort()
    );
  });

  describe.each(CASES)('$what', ({ error, status, party }) => {
    it.each(ROUTE_CALLS)(`$method $path answers ${status}, naming who refused`, async (call) => {
      const { router, context } = failingRoutes(error);
      const route = router.getRoute(call.method as never, call.path);
      const answer = await callRoute(route, call.parts, context);
      // A 400 here would be the request failing validation, not the error under test.
      expect(answer.status).not.toBe(400);
      expect(answer.status).not.toBe(401);
      expect(answer.status).toBe(status);
      expect((answer.payload as { message: string }).message).toMatch(party);
    });
  });

  it('keeps a source 403 (denied, not rejected) off 401 and names the source', () => {
    const lumos = errorResponse(
      new LumosApiError('token_rejected', 'Lumos rejected the API token (HTTP 403)', 403),
      createResponseFactory(),
      createLoggerMock()
    );
    expect(lumos.status).toBe(502);
    expect((lumos.payload as { message: string }).message).toMatch(/^Lumos/);
  });

  it('logs the 502s (an operator may need to act) and not the 403s', () => {
    const logger = createLoggerMock();
    const grant = esUnauthorized('/_security/api_key/grant', 'unable to authenticate user');
    errorResponse(grant, createResponseFactory(), logger);
    expect(logger.error).not.toHaveBeenCalled();
    const search = esUnauthorized('/logs-*/_search', 'unable to authenticate user');
    errorResponse(search, createResponseFactory(), logger);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('never answers 401 whatever shape carries the status', () => {
    const shape = fc.oneof(
      fc.record({ statusCode: fc.constant(401) }),
      fc.record({ meta: fc.record({ statusCode: fc.constant(401) }) }),
      fc.record({ output: fc.record({ statusCode: fc.constant(401) }) }),
      fc.record({
        name: fc.constant('ResponseError'),
        meta: fc.record({
          statusCode: fc.constant(401),
          meta: fc.record({ request: fc.record({ params: fc.record({ path: fc.string() }) }) }),
        }),
      })
    );
    fc.assert(
      fc.property(shape, fc.string(), fc.boolean(), (fields, message, asError) => {
        const error = asError ? Object.assign(new Error(message), fields) : fields;
        const answer = errorResponse(error, createResponseFactory(), createLoggerMock());
        expect(answer.status).not.toBe(401);
      })
    );
  });
});
