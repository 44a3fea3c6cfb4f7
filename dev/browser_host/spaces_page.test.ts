import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createMemoryHistory } from 'history';
import { HostApplication } from './core/application';
import type { InjectedMetadata } from './core/entry';
import { createBasePath, createHttp } from './core/http';
import { createShare, DISCOVER_APP_LOCATOR } from './core/share';
import { logoutUrl } from './core/unauthorized_interceptor';
import { createBrowserHost, SPACE_SELECTOR_PATH, type BrowserHost, type PageSpace } from './index';

/*
 * Pages in a space: the page's injected metadata carries `basePath` with `/s/<id>` and
 * `serverBasePath` without it (core's rendering_service.tsx), scripts come from the server base
 * path, and everything core.http, the application service, share and the logout page build
 * from that base path stays in the space (core's browser base_path.ts). `handle` is called as the
 * Kibana host calls it (URL already rewritten, space given) and as dev_server.ts does (URL with
 * the prefix).
 */

let dir: string;
let host: BrowserHost;
let hostWithBase: BrowserHost;
let server: Server;
let origin: string;
/** The space the next request is handed with, as the Kibana host's pageHandler would. */
let given: PageSpace | undefined;

function metadataOf(html: string): InjectedMetadata {
  const match = /<script id="kbn-injected-metadata" type="application\/json">(.*?)<\/script>/s.exec(
    html
  );
  if (!match) throw new Error('no injected metadata');
  return JSON.parse(match[1]) as InjectedMetadata;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'browser-host-spaces-'));
  mkdirSync(path.join(dir, 'target', 'public'), { recursive: true });
  writeFileSync(path.join(dir, 'kibana.json'), JSON.stringify({ id: 'spacesProbe' }));
  writeFileSync(path.join(dir, 'target', 'public', 'spacesProbe.plugin.js'), '/* probe */');
  host = await createBrowserHost({ pluginBuildDir: dir });
  hostWithBase = await createBrowserHost({ pluginBuildDir: dir, basePath: '/kbn' });
  server = createServer((req, res) => {
    const target = req.url?.startsWith('/kbn') ? hostWithBase : host;
    if (target.handle(req, res, given)) return;
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  given = undefined;
});

const get = (pathname: string) => fetch(`${origin}${pathname}`, { redirect: 'manual' });

describe('browser host pages in a space', () => {
  it('renders the page with the space in basePath, not in serverBasePath or the scripts', async () => {
    const html = await (await get('/s/a/app/spacesProbe/connectors')).text();
    expect(metadataOf(html)).toMatchObject({
      basePath: '/s/a',
      serverBasePath: '',
      defaultAppId: 'spacesProbe',
    });
    expect(html).toContain('<script src="/bundles/core/core.entry.js"></script>');
    expect(html).toContain('<script src="/bundles/plugin/spacesProbe/spacesProbe.plugin.js">');
    expect(html).toContain('href="/bundles/favicon.svg"');

    expect(metadataOf(await (await get('/app/spacesProbe')).text())).toMatchObject({
      basePath: '',
      serverBasePath: '',
    });
    expect(metadataOf(await (await get('/kbn/s/b/app/spacesProbe')).text())).toMatchObject({
      basePath: '/kbn/s/b',
      serverBasePath: '/kbn',
    });
    expect(host.metadataFor({ spaceId: 'c', basePath: '/s/c' })).toMatchObject({
      basePath: '/s/c',
      serverBasePath: '',
    });
    expect(host.metadata.basePath).toBe('');
  });

  it('takes the space the Kibana host hands over with the rewritten URL', async () => {
    given = { spaceId: 'a', basePath: '/s/a' };
    expect(metadataOf(await (await get('/app/spacesProbe')).text()).basePath).toBe('/s/a');
    given = { spaceId: 'default', basePath: '/s/default' };
    expect(metadataOf(await (await get('/app/spacesProbe')).text()).basePath).toBe('/s/default');
    given = { spaceId: 'a', basePath: '/s/a' };
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/s/a/app/spacesProbe');
  });

  it('redirects the space root within the space and refuses bad ids', async () => {
    for (const [from, to] of [
      ['/s/a', '/s/a/app/spacesProbe'],
      ['/s/a/', '/s/a/app/spacesProbe'],
      ['/s/a/spaces/enter', '/s/a/app/spacesProbe'],
      ['/', '/app/spacesProbe'],
      ['/kbn/s/b/', '/kbn/s/b/app/spacesProbe'],
    ]) {
      const response = await get(from);
      expect([from, response.status, response.headers.get('location')]).toEqual([from, 302, to]);
    }
    expect((await get('/s/Bad/app/spacesProbe')).status).toBe(404);
    expect((await get('/s/a.b/app/spacesProbe')).status).toBe(404);
    // Assets are served whatever the space (the page asks for them without it).
    expect((await get('/s/a/bundles/favicon.svg')).status).toBe(200);
  });

  it('keeps the logout page and the space selector working', async () => {
    const logout = await (await get('/s/a/logout?msg=AUTHENTICATION_ERROR')).text();
    expect(logout).toContain('href="/s/a/"');
    const next = encodeURIComponent('/s/a/app/spacesProbe/x');
    expect(await (await get(`/s/a/logout?next=${next}`)).text()).toContain(
      'href="/s/a/app/spacesProbe/x"'
    );
    const selector = await get(SPACE_SELECTOR_PATH);
    expect(selector.status).toBe(200);
    expect(await selector.text()).toContain('href="/app/spacesProbe"');
  });
});

describe('browser core in a space', () => {
  const requested: string[] = [];
  beforeAll(() => {
    (globalThis as unknown as { window: unknown }).window = {
      fetch: async (request: Request) => {
        requested.push(new URL(request.url).pathname);
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      },
      location: { origin: 'http://kibana.test' },
    };
  });
  afterAll(() => {
    delete (globalThis as unknown as { window?: unknown }).window;
  });

  it('prepends the space base path like core base_path.ts', () => {
    const basePath = createBasePath('/s/a', '');
    expect(basePath.get()).toBe('/s/a');
    expect(basePath.serverBasePath).toBe('');
    expect(basePath.assetsHrefBase).toBe('');
    expect(basePath.prepend('/internal/x')).toBe('/s/a/internal/x');
    expect(basePath.remove('/s/a/app/x')).toBe('/app/x');
    expect(basePath.remove('/s/a')).toBe('/');
    expect(basePath.remove('/s/ab/app')).toBe('/s/ab/app');
    expect(createBasePath('/kbn').serverBasePath).toBe('/kbn');
  });

  it('sends API calls, app URLs, locators and logout within the space', async () => {
    const basePath = createBasePath('http://kibana.test/s/a', 'http://kibana.test');
    const http = createHttp(basePath);
    await http.get('/internal/audit_sources/connectors');
    await http.get('/api/saved_objects/_find', { query: { type: 'index-pattern' } });
    expect(requested).toEqual([
      '/s/a/internal/audit_sources/connectors',
      '/s/a/api/saved_objects/_find',
    ]);

    const spaceBase = createBasePath('/s/a', '');
    const application = new HostApplication(createMemoryHistory(), spaceBase, {
      navLinks: {},
      management: {},
      catalogue: {},
    });
    const start = application.start();
    expect(start.getUrlForApp('discover', { path: '/x' })).toBe('/s/a/app/discover/x');
    expect(start.getUrlForApp('auditSources', { absolute: true })).toBe(
      'http://kibana.test/s/a/app/auditSources'
    );
    expect(application.appIdOf('/s/a/app/auditSources/x')).toBe('auditSources');
    const locator = createShare(start).url.locators.get(DISCOVER_APP_LOCATOR);
    expect(await locator?.getUrl({ savedSearchId: 's1' })).toMatch(
      /^\/s\/a\/app\/discover\/?\?params=/
    );

    expect(
      logoutUrl('/s/a', 'AUTHENTICATION_ERROR', {
        pathname: '/s/a/app/auditSources/connectors',
        search: '',
        hash: '',
      })
    ).toBe(
      `/s/a/logout?msg=AUTHENTICATION_ERROR&next=${encodeURIComponent('/s/a/app/auditSources/connectors')}`
    );
  });
});
