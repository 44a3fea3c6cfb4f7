import { testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { startGrantRefusingProxy, type GrantRefusingProxy } from '../faults/grant_refusing_proxy';
import { startPluginHost, type PluginHost } from './plugin_host';

/*
 * Elasticsearch's API-key grant refused while the user's session is fine. The refusals are the
 * real cluster's (test/faults/grant_refusing_proxy.ts spoils the grant request only): a 401 when
 * the service user's credentials on the grant fail, a 403 when the user's own password does.
 *
 * Saving a connector must then answer a readable 403 naming the grant, never 401: Kibana's
 * browser logs the user out on any 401 from an API call (x-pack/platform/plugins/shared/security/
 * public/session/unauthorized_response_http_interceptor.ts; the browser host does the same, see
 * dev/browser_host/unauthorized_interceptor.test.ts and test/browser/grant_refused.test.ts).
 * Nothing is stored, and the same credentials keep working.
 */

describe('a refused API-key grant (built plugin in the Kibana host)', () => {
  let proxy: GrantRefusingProxy;
  let kbn: PluginHost;
  const namespace = uniqueNamespace('grant');

  // Saving never reaches Lumos (a connector is saved before its first run, which is disabled).
  const lumosBody = (name: string) => ({
    kind: 'lumos',
    name,
    enabled: false,
    interval: '1h',
    namespace,
    settings: { baseUrl: 'http://127.0.0.1:9', initialWindow: '7d' },
    secrets: { apiToken: 'lsk_grant_refused_test_token' },
  });

  beforeAll(async () => {
    const es = testEsConnection();
    proxy = await startGrantRefusingProxy(es.url);
    kbn = await startPluginHost('grantrefused', { es: { ...es, url: proxy.url } });
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await proxy?.stop();
  });

  it.each([
    ['service-credentials', 401],
    ['user-password', 403],
  ] as const)(
    'a grant Elasticsearch refuses (%s: ES answers %i) is a 403 naming the grant; nothing is stored and the session keeps working',
    async (refusal, esStatus) => {
      const existing = await kbn.call<{ id: string }>('/connectors', {
        method: 'POST',
        body: lumosBody(`Granted before ${refusal}`),
      });
      expect(existing.status).toBe(200);
      proxy.refusedGrantStatuses = [];

      proxy.refuse = refusal;
      const created = await kbn.call<{ message: string }>('/connectors', {
        method: 'POST',
        body: lumosBody(`Refused grant ${refusal}`),
      });
      // Elasticsearch really refused the grant…
      expect(proxy.refusedGrantStatuses).toEqual([esStatus]);
      // …and the route answered a 403 the user can read, not a 401 that logs them out.
      expect(created.status).toBe(403);
      expect(created.body.message).toMatch(
        /^Elasticsearch's API-key grant refused to create the connector's writer key \(security_exception/
      );
      expect(created.body.message).toContain('must be able to log in with a password or token');

      // An edit that needs a new key (another data stream) grants it for the editing user:
      // refused the same way, connector intact.
      const updated = await kbn.call<{ message: string }>(`/connectors/${existing.body.id}`, {
        method: 'PUT',
        body: {
          kind: 'lumos',
          name: `Renamed while refused ${refusal}`,
          namespace: `${namespace}moved`,
        },
      });
      expect(proxy.refusedGrantStatuses).toEqual([esStatus, esStatus]);
      expect(updated.status).toBe(403);
      expect(updated.body.message).toMatch(/^Elasticsearch's API-key grant refused/);
      proxy.refuse = undefined;

      // Still logged in: the same credentials read the list, which holds no half-made connector.
      const list = await kbn.call<{ connectors: Array<{ name: string }> }>('/connectors');
      expect(list.status).toBe(200);
      const names = list.body.connectors.map((c) => c.name);
      expect(names).toContain(`Granted before ${refusal}`);
      expect(names).not.toContain(`Refused grant ${refusal}`);
      expect(names).not.toContain(`Renamed while refused ${refusal}`);

      const again = await kbn.call('/connectors', {
        method: 'POST',
        body: lumosBody(`Granted after ${refusal}`),
      });
      expect(again.status).toBe(200);
      expect(kbn.responses.filter((r) => r.status === 401)).toEqual([]);
    }
  );
});
