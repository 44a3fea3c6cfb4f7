import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBasePath, createHttp, HostHttpFetchError, type HostHttp } from './core/http';
import {
  createUnauthorizedInterceptor,
  SESSION_ERROR_REASON_HEADER,
  type Location,
} from './core/unauthorized_interceptor';

/*
 * The browser host's core.http with Kibana's logout-on-401 interceptor (as entry.tsx installs
 * it), against a loopback server: a 401 from an API call navigates to the logout page and the
 * call never settles (Kibana's controller.halt()); any other error reaches the app untouched, so
 * a 403 or 502 from our routes leaves the user logged in with a readable error. Node's fetch
 * stands in for the browser's (core.http calls window.fetch); the server's origin is passed as
 * the base path so the host's relative API paths become absolute URLs here.
 */

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const reason = req.headers['x-test-reason'];
    if (typeof reason === 'string') headers[SESSION_ERROR_REASON_HEADER] = reason;
    res.writeHead(status, headers);
    res.end(JSON.stringify({ statusCode: status, message: `answered ${status}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (globalThis as unknown as { window: { fetch: typeof fetch } }).window = {
    fetch: (input, init) => fetch(input, init),
  };
});
afterAll(async () => {
  delete (globalThis as unknown as { window?: unknown }).window;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function hostHttp(pathname = '/app/auditSources/connectors') {
  const navigations: string[] = [];
  const location: Location = { pathname, search: '?tab=x', hash: '' };
  const http: HostHttp = createHttp(createBasePath(origin));
  http.intercept(
    createUnauthorizedInterceptor({
      basePath: '',
      location: () => location,
      navigate: (url) => navigations.push(url),
    })
  );
  return { http, navigations };
}

/** Whether `promise` settles within a short wait (a halted call must not). */
async function settles(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const outcome = await Promise.race([
    promise.then(
      () => true,
      () => true
    ),
    new Promise<typeof marker>((resolve) => setTimeout(() => resolve(marker), 300)),
  ]);
  return outcome !== marker;
}

describe('browser host: logout on 401 (UnauthorizedResponseHttpInterceptor)', () => {
  it('a 401 from an API call navigates to the logout page and halts the call', async () => {
    const { http, navigations } = hostHttp();
    const call = http.post('/internal/audit_sources/connectors', { query: { status: 401 } });
    expect(await settles(call)).toBe(false);
    expect(navigations).toEqual([
      `/logout?msg=AUTHENTICATION_ERROR&next=${encodeURIComponent('/app/auditSources/connectors?tab=x')}`,
    ]);
  });

  it('passes an expired-session reason from kbn-session-error-reason, nothing else', async () => {
    const expired = hostHttp();
    void expired.http.get('/internal/x', {
      query: { status: 401 },
      headers: { 'x-test-reason': 'SESSION_EXPIRED' },
    });
    const other = hostHttp();
    void other.http.get('/internal/x', {
      query: { status: 401 },
      headers: { 'x-test-reason': '<script>' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(expired.navigations[0]).toMatch(/^\/logout\?msg=SESSION_EXPIRED&next=/);
    expect(other.navigations[0]).toMatch(/^\/logout\?msg=AUTHENTICATION_ERROR&next=/);
  });

  it.each([400, 403, 404, 502])(
    'a %i reaches the app as an error with the server message, no logout',
    async (status) => {
      const { http, navigations } = hostHttp();
      const error = await http
        .post('/internal/audit_sources/connectors', { query: { status } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostHttpFetchError);
      expect((error as HostHttpFetchError).message).toBe(`answered ${status}`);
      expect((error as HostHttpFetchError).response?.status).toBe(status);
      expect(navigations).toEqual([]);
    }
  );

  it('no logout from an anonymous page or for a call that omits credentials', async () => {
    const onLogout = hostHttp('/logout');
    await expect(onLogout.http.get('/internal/x', { query: { status: 401 } })).rejects.toThrow(
      'answered 401'
    );
    expect(onLogout.navigations).toEqual([]);

    const anonymousCall = hostHttp();
    await expect(
      anonymousCall.http.get('/internal/x', { query: { status: 401 }, credentials: 'omit' })
    ).rejects.toThrow('answered 401');
    expect(anonymousCall.navigations).toEqual([]);
  });

  it('a network failure is an error, not a logout', async () => {
    const navigations: string[] = [];
    const http = createHttp(createBasePath('http://127.0.0.1:9'));
    http.intercept(
      createUnauthorizedInterceptor({
        basePath: '',
        location: () => ({ pathname: '/app/auditSources', search: '', hash: '' }),
        navigate: (url) => navigations.push(url),
      })
    );
    await expect(http.get('/internal/x')).rejects.toBeInstanceOf(HostHttpFetchError);
    expect(navigations).toEqual([]);
  });
});
