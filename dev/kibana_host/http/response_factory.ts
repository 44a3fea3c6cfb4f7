/*
 * KibanaResponseFactory (src/core/packages/http/server/src/router/response_factory.ts, runtime in
 * router-server-internal/src/response.ts): the same default bodies ('Bad Request', …), the same
 * checks in customError/redirected, and the same error envelope as HapiResponseAdapter.toError
 * (`{ statusCode, error, message, attributes? }`).
 */
import type {
  CustomHttpResponseOptions,
  ErrorHttpResponseOptions,
  HttpResponseOptions,
  HttpResponsePayload,
  IKibanaResponse,
  KibanaResponseFactory,
  RedirectResponseOptions,
  ResponseError,
} from '@kbn/core/server';
import { STATUS_CODES } from 'node:http';

export class KibanaResponse<
  T extends HttpResponsePayload | ResponseError = HttpResponsePayload,
> implements IKibanaResponse<T> {
  constructor(
    readonly status: number,
    readonly payload?: T,
    readonly options: HttpResponseOptions = {}
  ) {}
}

const success =
  (status: number) =>
  <T extends HttpResponsePayload | ResponseError = HttpResponsePayload>(
    options: HttpResponseOptions<T> = {}
  ): IKibanaResponse<T> =>
    new KibanaResponse<T>(status, options.body, options);

const error =
  (status: number, defaultBody: string) =>
  (options: ErrorHttpResponseOptions = {}): IKibanaResponse =>
    new KibanaResponse(status, options.body ?? defaultBody, options);

export const kibanaResponseFactory: KibanaResponseFactory = {
  ok: success(200),
  created: success(201),
  accepted: success(202),
  noContent: (options: HttpResponseOptions = {}) => new KibanaResponse(204, undefined, options),
  multiStatus: (options: HttpResponseOptions = {}) =>
    new KibanaResponse(207, options.body, options),
  redirected: (options: RedirectResponseOptions) => {
    if (!options.headers?.location) {
      throw new Error("expected 'location' header to be set");
    }
    return new KibanaResponse(302, options.body, options);
  },
  notModified: (options: HttpResponseOptions) => new KibanaResponse(304, undefined, options),
  badRequest: error(400, 'Bad Request'),
  unauthorized: error(401, 'Unauthorized'),
  forbidden: error(403, 'Forbidden'),
  notFound: error(404, 'Not Found'),
  conflict: error(409, 'Conflict'),
  unprocessableContent: error(422, 'Unprocessable Content'),
  customError: (options: CustomHttpResponseOptions<ResponseError>) => {
    if (!options || !options.statusCode) {
      throw new Error(`options.statusCode is expected to be set. given options: ${options}`);
    }
    if (options.statusCode < 400 || options.statusCode >= 600) {
      throw new Error(
        `Unexpected Http status code. Expected from 400 to 599, but given: ${options.statusCode}`
      );
    }
    const { statusCode, body, ...rest } = options;
    return new KibanaResponse(statusCode, body, rest);
  },
  custom: <T extends HttpResponsePayload | ResponseError>(
    options: CustomHttpResponseOptions<T>
  ) => {
    const { statusCode, body, ...rest } = options;
    return new KibanaResponse(statusCode, body, rest);
  },
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  attributes?: Record<string, unknown>;
}

/** HapiResponseAdapter.toError: what an error response's JSON looks like. */
export function toErrorBody(status: number, payload: unknown): ErrorBody {
  const error = STATUS_CODES[status] ?? 'Unknown';
  let message = error;
  let attributes: Record<string, unknown> | undefined;
  if (typeof payload === 'string') message = payload;
  else if (Buffer.isBuffer(payload)) message = payload.toString('utf8');
  else if (payload instanceof Error) message = payload.message;
  else if (typeof payload === 'object' && payload !== null && 'message' in payload) {
    const m = (payload as { message: unknown }).message;
    message = m instanceof Error ? m.message : String(m);
    attributes = (payload as { attributes?: Record<string, unknown> }).attributes;
  }
  return {
    statusCode: status,
    error,
    message: message || error,
    ...(attributes && { attributes }),
  };
}
