import type {
  HttpFetchOptions,
  HttpFetchOptionsWithPath,
  HttpHandler,
  HttpResponse,
  HttpSetup,
  IBasePath,
  IHttpFetchError,
} from '@kbn/core/public';

/*
 * core.http for the host page (src/core/packages/http/browser/src/fetch.ts, much reduced): base
 * path, query string, JSON, the headers Kibana's browser client always sends, failures thrown
 * as IHttpFetchError with the server's JSON body, and `responseError` interceptors with
 * `controller.halt()` (browser-internal/src/fetch.ts + intercept.ts): a halted call neither
 * resolves nor rejects, which is how Kibana's security plugin stops the app while it navigates to
 * the logout page (see unauthorized_interceptor.ts).
 */

/** What a `responseError` interceptor is given (HttpInterceptorResponseError, reduced). */
export interface HostHttpErrorResponse {
  fetchOptions: HttpFetchOptionsWithPath;
  request: Request;
  response?: Response;
  error: HostHttpFetchError;
}

/** IHttpInterceptController. */
export interface HostInterceptController {
  readonly halted: boolean;
  halt(): void;
}

/** HttpInterceptor, only the hook the host's interceptors need. */
export interface HostHttpInterceptor {
  responseError?(
    httpErrorResponse: HostHttpErrorResponse,
    controller: HostInterceptController
  ): void;
}

/** HttpSetup plus `intercept` (the declarations in typings/kbn omit it: plugins here never call it). */
export type HostHttp = HttpSetup & {
  intercept(interceptor: HostHttpInterceptor): () => void;
};

class InterceptController implements HostInterceptController {
  private isHalted = false;
  get halted() {
    return this.isHalted;
  }
  halt() {
    this.isHalted = true;
  }
}

export class HostHttpFetchError extends Error implements IHttpFetchError {
  public override readonly name = 'HttpFetchError';
  constructor(
    message: string,
    public readonly request: Request,
    public readonly response?: Response,
    public readonly body?: unknown
  ) {
    super(message);
  }
}

/**
 * core's browser BasePath (src/core/packages/http/browser-internal/src/base_path.ts): `get`,
 * `prepend` and `remove` use the page's base path (with `/s/<id>` in a space),
 * `serverBasePath` and `assetsHrefBase` the server's (default: the same).
 */
export function createBasePath(basePath: string, serverBasePath = basePath): IBasePath {
  return {
    get: () => basePath,
    prepend: (url: string) =>
      url.startsWith('/') && !url.startsWith(`${basePath}/`) ? `${basePath}${url}` : url,
    remove: (url: string) => {
      if (!basePath) return url;
      if (url === basePath) return '/';
      return url.startsWith(`${basePath}/`) ? url.slice(basePath.length) : url;
    },
    serverBasePath,
    assetsHrefBase: serverBasePath,
  };
}

function queryString(query: HttpFetchOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createHttp(basePath: IBasePath): HostHttp {
  const interceptors = new Set<HostHttpInterceptor>();

  /** Kibana's order: the interceptor added last sees the response first. */
  function interceptError(failure: HostHttpErrorResponse): Promise<never> {
    const controller = new InterceptController();
    for (const interceptor of [...interceptors].reverse()) {
      interceptor.responseError?.(failure, controller);
      // Halted: never settle, so the app does not act on a response the host is handling.
      if (controller.halted) return new Promise<never>(() => undefined);
    }
    return Promise.reject(failure.error);
  }

  async function fetchImpl(
    pathOrOptions: string | HttpFetchOptionsWithPath,
    maybeOptions?: HttpFetchOptions
  ): Promise<unknown> {
    const options: HttpFetchOptionsWithPath =
      typeof pathOrOptions === 'string'
        ? { ...(maybeOptions ?? {}), path: pathOrOptions }
        : pathOrOptions;
    const {
      path,
      query,
      prependBasePath = true,
      asResponse,
      version,
      headers,
      body,
      ...init
    } = options;
    for (const name of Object.keys(headers ?? {})) {
      const lower = name.toLowerCase();
      if (lower.startsWith('kbn-') || lower.includes('x-elastic-internal-origin')) {
        throw new Error(
          `Invalid fetch headers, headers beginning with "kbn-" or containing "x-elastic-internal-origin" are not allowed: [${name}]`
        );
      }
    }
    const url = `${prependBasePath ? basePath.prepend(path) : path}${queryString(query)}`;
    const request = new Request(url, {
      ...init,
      body: body ?? undefined,
      credentials: init.credentials ?? 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        ...(headers ?? {}),
        'kbn-xsrf': 'kibana',
        'x-elastic-internal-origin': 'Kibana',
        ...(version ? { 'elastic-api-version': version } : {}),
      },
    });
    let response: Response;
    try {
      response = await window.fetch(request.clone());
    } catch (error) {
      const failure = new HostHttpFetchError((error as Error).message || 'Network error', request);
      return interceptError({ fetchOptions: options, request, error: failure });
    }
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown;
    if (response.status !== 204) {
      const text = await response.text();
      if (contentType.includes('json') && text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      } else {
        parsed = text === '' ? undefined : text;
      }
    }
    if (!response.ok) {
      const message =
        parsed &&
        typeof parsed === 'object' &&
        typeof (parsed as { message?: unknown }).message === 'string'
          ? (parsed as { message: string }).message
          : response.statusText || `Request failed with status ${response.status}`;
      const failure = new HostHttpFetchError(message, request, response, parsed);
      return interceptError({ fetchOptions: options, request, response, error: failure });
    }
    if (asResponse) {
      const result: HttpResponse = { fetchOptions: options, request, response, body: parsed };
      return result;
    }
    return parsed;
  }

  const withMethod = (method: string): HttpHandler =>
    ((pathOrOptions: string | HttpFetchOptionsWithPath, options?: HttpFetchOptions) =>
      typeof pathOrOptions === 'string'
        ? fetchImpl(pathOrOptions, { ...(options ?? {}), method })
        : fetchImpl({ ...pathOrOptions, method })) as HttpHandler;

  return {
    basePath,
    intercept(interceptor) {
      interceptors.add(interceptor);
      return () => {
        interceptors.delete(interceptor);
      };
    },
    fetch: fetchImpl as HttpHandler,
    get: withMethod('GET'),
    post: withMethod('POST'),
    put: withMethod('PUT'),
    patch: withMethod('PATCH'),
    delete: withMethod('DELETE'),
    head: withMethod('HEAD'),
    options: withMethod('OPTIONS'),
  };
}
