/*
 * The outbound policy through the product paths (routes, probes, poll cycles), with name
 * resolution stubbed: names that resolve to a metadata or private address are refused before
 * any socket exists. Every socket constructor is replaced by one that throws, so even a broken
 * policy could not send a packet anywhere.
 */
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import type { ElasticsearchClient } from '@kbn/core/server';
import { ROUTES } from '../../common/api/routes';
import type { TestConnectionResponse, PreviewResponse } from '../../common/connectors/view';
import {
  closerBody,
  createConnectorsHarness,
  lumosBody,
} from '../../server/__mocks__/connectors_harness';
import {
  callRoute,
  createLoggerMock,
  createRouterMock,
} from '../../server/__mocks__/kibana_core_mocks';
import { testOutbound } from '../../server/__mocks__/outbound';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import { registerRoutes } from '../../server/routes';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import type { LumosCheckpoint } from '../../server/sources/lumos';
import { pollLumos } from '../../server/sources/lumos/poll';

/** What the stubbed resolver answers; anything else does not exist. */
const RESOLVES: Record<string, string[]> = {
  'closer.internal.example': ['169.254.169.254'],
  'lumos.internal.example': ['10.0.0.1'],
  'mapped.internal.example': ['::ffff:169.254.169.254'],
  // One public and one private answer: a single bad address is enough to refuse.
  'mixed.internal.example': ['93.184.215.14', '192.168.1.20'],
  'proxy.internal.example': ['10.0.0.1'],
};

type LookupCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

let lookups: string[] = [];
const sockets: string[] = [];

beforeEach(() => {
  lookups = [];
  sockets.length = 0;
  jest.spyOn(dns, 'lookup').mockImplementation(((
    hostname: string,
    options: unknown,
    callback?: LookupCallback
  ) => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    const all = typeof options === 'object' && options !== null && 'all' in options;
    lookups.push(hostname);
    const addresses = RESOLVES[hostname];
    process.nextTick(() => {
      if (!addresses) {
        done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      } else if (all) {
        done(
          null,
          addresses.map((address) => ({ address, family: net.isIP(address) }))
        );
      } else {
        done(null, addresses[0], net.isIP(addresses[0]));
      }
    });
  }) as unknown as typeof dns.lookup);
  const refuse = (name: string) => () => {
    sockets.push(name);
    throw new Error(`${name} called: no socket may be opened in this test`);
  };
  jest.spyOn(net, 'connect').mockImplementation(refuse('net.connect'));
  jest.spyOn(net, 'createConnection').mockImplementation(refuse('net.createConnection'));
  jest.spyOn(tls, 'connect').mockImplementation(refuse('tls.connect'));
  jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse('Socket#connect'));
});

afterEach(() => {
  jest.restoreAllMocks();
});

function routes() {
  const harness = createConnectorsHarness({ outbound: testOutbound });
  const router = createRouterMock();
  registerRoutes({ router, logger: createLoggerMock(), getServices: async () => harness.services });
  return router;
}

const closerDraft = (settings: Record<string, string>) => ({
  kind: 'closer' as const,
  settings: { ...closerBody.settings, ...settings },
  secrets: closerBody.secrets,
});
const lumosDraft = (settings: Record<string, string>) => ({
  kind: 'lumos' as const,
  settings: { ...lumosBody.settings, ...settings },
  secrets: lumosBody.secrets,
});

describe('a name resolving to an internal address is refused before any connection', () => {
  it.each([
    [
      'Closer',
      closerDraft({ url: 'https://closer.internal.example:9243' }),
      /169\.254\.169\.254\): a cloud metadata address/,
    ],
    [
      'Closer (mapped)',
      closerDraft({ url: 'https://mapped.internal.example:9243' }),
      /a cloud metadata address/,
    ],
    [
      'Closer (one of several)',
      closerDraft({ url: 'https://mixed.internal.example:9243' }),
      /192\.168\.1\.20\): a private address/,
    ],
    [
      'Closer through a proxy',
      closerDraft({ proxyUrl: 'http://proxy.internal.example:3128' }),
      /10\.0\.0\.1\): a private address/,
    ],
    [
      'Lumos',
      lumosDraft({ baseUrl: 'https://lumos.internal.example' }),
      /10\.0\.0\.1\): a private address/,
    ],
  ])('%s: test connection and preview', async (_name, draft, reason) => {
    const router = routes();
    const tested = await callRoute(router.getRoute('post', ROUTES.testConnection), { body: draft });
    expect(tested.status).toBe(200);
    const test = tested.payload as TestConnectionResponse;
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(reason);
    expect(test.message).toContain('audit_sources.allowedHosts');

    const previewed = await callRoute(router.getRoute('post', ROUTES.preview), { body: draft });
    const preview = previewed.payload as PreviewResponse;
    expect(preview.documents).toEqual([]);
    expect(preview.message).toMatch(reason);

    expect(lookups.length).toBeGreaterThan(0);
    expect(sockets).toEqual([]);
  });

  it('a literal internal address is a 400 naming the field, without even a lookup', async () => {
    const router = routes();
    for (const route of [ROUTES.testConnection, ROUTES.preview, ROUTES.connectors]) {
      const response = await callRoute(router.getRoute('post', route), {
        body: {
          ...closerBody,
          ...closerDraft({ url: 'http://[::ffff:a9fe:a9fe]/' }),
        },
      });
      expect(response.status).toBe(400);
      expect(response.payload).toMatchObject({
        attributes: { fields: { 'settings.url': expect.stringContaining('cloud metadata') } },
      });
    }
    expect(lookups).toEqual([]);
    expect(sockets).toEqual([]);
  });

  const esClient = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the destination must not be touched');
      },
    }
  ) as ElasticsearchClient;

  it('a saved Closer connector: the poll cycle fails with the refusal and keeps its checkpoint', async () => {
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const error = await pollCloser(
      { url: 'https://closer.internal.example:9243', namespace: 'default', maxRetries: 3 },
      { type: 'basic', username: 'reader', password: 'closer-Password-xyz' },
      { esClient, checkpoints, outbound: testOutbound }
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/169\.254\.169\.254\): a cloud metadata address/);
    expect(checkpoints.saves).toEqual([]);
    // Not retried: a refusal is not a network hiccup.
    expect(lookups).toEqual(['closer.internal.example']);
    expect(sockets).toEqual([]);
  });

  it('a saved Lumos connector: the same', async () => {
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    const error = await pollLumos(
      { baseUrl: 'https://lumos.internal.example', namespace: 'default', maxRetries: 3 },
      'lsk_SuperSecretToken123',
      { esClient, checkpoints, outbound: testOutbound }
    ).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/10\.0\.0\.1\): a private address/);
    expect(lookups).toEqual(['lumos.internal.example']);
    expect(sockets).toEqual([]);
  });
});
