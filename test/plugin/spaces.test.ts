import { SAVED_VIEW_DEFINITIONS, type SavedViewsResponse } from '../../common/api/saved_views';
import type { EventsResponse } from '../../common/api/routes';
import type { ConnectorView, ListConnectorsResponse } from '../../common/connectors/view';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../../server/saved_objects/constants';
import { uniqueNamespace } from '../../dev/es/test_es';
import { KIBANA_APPLICATION } from '../../dev/kibana_host/security/privileges';
import { createSpace } from '../../dev/kibana_host/spaces/spaces_client';
import { createKibanaUser, waitFor, type Credentials } from '../../dev/kibana_host/test_helpers';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_spaces_${Date.now().toString(36)}`;
const SPACE_A = 'team-a';
const SPACE_B = 'team-b';

/*
 * Spaces are a boundary (issue 12): two spaces, a user with the feature in each one only, a
 * connector each. Neither user can see, change, test, preview, run or delete the other space's
 * connector: from their own space it is a 404 (Kibana's answer for objects of another space),
 * from the other space every route is a 403 (no privileges there). Runs, events and saved views
 * work in both spaces at once.
 */
describe('spaces (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  let userA: Credentials;
  let userB: Credentials;
  let connectorA: ConnectorView;
  let connectorB: ConnectorView;
  const namespaceA = uniqueNamespace('spa');
  const namespaceB = uniqueNamespace('spb');

  const lumosBody = (name: string, namespace: string) => ({
    kind: 'lumos',
    name,
    enabled: true,
    interval: '1h',
    namespace,
    settings: { baseUrl: lumos.url, initialWindow: '7d' },
    secrets: { apiToken: TOKEN },
  });

  /** The feature's `all` in one space, and what its writer key needs on its data stream. */
  async function spaceUser(spaceId: string, namespace: string): Promise<Credentials> {
    const user = await createKibanaUser(kbn.admin, ['feature_auditSources.all'], 'spaceuser', {
      spaces: [spaceId],
    });
    await kbn.admin.security.putRole({
      name: user.username,
      applications: [
        {
          application: KIBANA_APPLICATION,
          privileges: ['feature_auditSources.all'],
          resources: [`space:${spaceId}`],
        },
      ],
      indices: [
        {
          names: [`logs-lumos.activity_logs-${namespace}`],
          privileges: ['create_doc', 'auto_configure', 'read'],
        },
      ],
    });
    return user;
  }

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 40, start: Date.now() - 86_400_000, seed: 12 },
    });
    kbn = await startPluginHost('spaces');
    for (const id of [SPACE_A, SPACE_B]) {
      await createSpace(kbn.host.url, kbn.superuser, { id, name: `Team ${id.slice(-1)}` });
    }
    userA = await spaceUser(SPACE_A, namespaceA);
    userB = await spaceUser(SPACE_B, namespaceB);
    const a = await kbn.call<ConnectorView>('/connectors', {
      method: 'POST',
      as: userA,
      space: SPACE_A,
      body: lumosBody('Team A Lumos', namespaceA),
    });
    expect(a.status).toBe(200);
    connectorA = a.body;
    const b = await kbn.call<ConnectorView>('/connectors', {
      method: 'POST',
      as: userB,
      space: SPACE_B,
      body: lumosBody('Team B Lumos', namespaceB),
    });
    expect(b.status).toBe(200);
    connectorB = b.body;
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
  });

  const list = async (as: Credentials, space: string) => {
    const response = await kbn.call<ListConnectorsResponse>('/connectors', { as, space });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('creates each connector in the space of the request, and each space lists only its own', async () => {
    expect(await list(userA, SPACE_A)).toEqual({
      connectors: [expect.objectContaining({ id: connectorA.id, name: 'Team A Lumos' })],
      spaceId: SPACE_A,
    });
    expect((await list(userB, SPACE_B)).connectors.map((c) => c.id)).toEqual([connectorB.id]);
    // The superuser sees every space, but each through that space only.
    expect((await list(kbn.superuser, 'default')).connectors).toEqual([]);
    expect((await list(kbn.superuser, SPACE_B)).connectors.map((c) => c.id)).toEqual([
      connectorB.id,
    ]);
    // Stored as Kibana stores a multiple-isolated object: one space in `namespaces`.
    for (const [connector, space] of [
      [connectorA, SPACE_A],
      [connectorB, SPACE_B],
    ] as const) {
      for (const type of [CONNECTOR_SAVED_OBJECT_TYPE, CONNECTOR_STATE_SAVED_OBJECT_TYPE]) {
        const raw = await kbn.admin.get<{ namespaces?: string[] }>({
          index: kbn.savedObjectsIndex,
          id: `${type}:${connector.id}`,
        });
        expect(raw._source?.namespaces).toEqual([space]);
      }
    }
  });

  it('runs both connectors in their own spaces: each task knows its space', async () => {
    const [healthA, healthB] = await Promise.all([
      waitHealthy(connectorA.id, SPACE_A),
      waitHealthy(connectorB.id, SPACE_B),
    ]);
    expect(healthA.totals.written).toBe(40);
    expect(healthB.totals.written).toBe(40);
    for (const [connector, space] of [
      [connectorA, SPACE_A],
      [connectorB, SPACE_B],
    ] as const) {
      const task = await kbn.taskDocument(connector.id);
      const params = JSON.parse(String((task?.task as { params?: string })?.params));
      expect(params).toEqual({ connectorId: connector.id, spaceId: space });
    }
    expect(new Set(await kbn.eventIds('lumos', namespaceA)).size).toBe(40);
    expect(new Set(await kbn.eventIds('lumos', namespaceB)).size).toBe(40);
  });

  async function waitHealthy(id: string, space: string) {
    return waitFor(
      async () => {
        const response = await kbn.call<ConnectorView['health']>(`/connectors/${id}/health`, {
          space,
        });
        return response.status === 200 && response.body.status === 'healthy'
          ? response.body
          : undefined;
      },
      { timeoutMs: 60_000, what: `connector ${id} healthy in ${space}` }
    );
  }

  it("answers 404 for the other space's connector on every route, and changes nothing", async () => {
    const before = await kbn.connectorAttributes(connectorB.id);
    const id = connectorB.id;
    const attempts = [
      { method: 'GET', path: `/connectors/${id}` },
      { method: 'GET', path: `/connectors/${id}/health` },
      { method: 'PUT', path: `/connectors/${id}`, body: { kind: 'lumos', namespace: namespaceA } },
      { method: 'POST', path: `/connectors/${id}/_run` },
      {
        method: 'POST',
        path: '/connectors/_test',
        body: { kind: 'lumos', id, settings: { baseUrl: lumos.url } },
      },
      {
        method: 'POST',
        path: '/connectors/_preview',
        body: { kind: 'lumos', id, settings: { baseUrl: lumos.url } },
      },
      { method: 'DELETE', path: `/connectors/${id}` },
    ];
    for (const { method, path, body } of attempts) {
      const response = await kbn.call(path, { method, body, as: userA, space: SPACE_A });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
    }
    // Even the superuser, from the wrong space.
    const wrongSpace = await kbn.call(`/connectors/${id}`, { space: SPACE_A });
    expect(wrongSpace.status).toBe(404);
    expect(await kbn.connectorAttributes(connectorB.id)).toEqual(before);
    expect((await list(userB, SPACE_B)).connectors.map((c) => c.id)).toEqual([connectorB.id]);
  });

  it('answers 403 on every route of a space where the user has no privilege', async () => {
    for (const [method, path] of [
      ['GET', '/connectors'],
      ['GET', `/connectors/${connectorB.id}`],
      ['POST', `/connectors/${connectorB.id}/_run`],
      ['DELETE', `/connectors/${connectorB.id}`],
      ['GET', '/events'],
      ['GET', '/saved_views'],
    ]) {
      const response = await kbn.call(path, { method, as: userA, space: SPACE_B });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
    }
    const inDefault = await kbn.call('/connectors', { as: userA });
    expect(inDefault.status).toBe(403);
  });

  it("shows each space the events of its own connectors' data streams by default", async () => {
    await kbn.admin.indices.refresh({ index: 'logs-lumos.activity_logs-*' });
    const events = await kbn.call<EventsResponse>('/events?from=now-30d&perPage=100', {
      as: userA,
      space: SPACE_A,
    });
    expect(events.status).toBe(200);
    expect(events.body.dataStreams).toEqual([`logs-lumos.activity_logs-${namespaceA}`]);
    expect(events.body.total).toBe(40);
    expect(
      new Set(
        events.body.events.map((e) => e.index.replace(/^\.ds-|-\d{4}\.\d{2}\.\d{2}-\d+$/g, ''))
      )
    ).toEqual(new Set([`logs-lumos.activity_logs-${namespaceA}`]));
    // `scope=all`: whatever the user can read; user A reads only its own data stream anyway,
    // the superuser reads both.
    const all = await kbn.call<EventsResponse>(
      `/events?from=now-30d&scope=all&namespace=${namespaceB}`,
      { space: SPACE_A }
    );
    expect(all.body.total).toBe(40);
    const scoped = await kbn.call<EventsResponse>(`/events?from=now-30d&namespace=${namespaceB}`, {
      space: SPACE_A,
    });
    expect(scoped.body).toEqual({ total: 0, events: [], dataStreams: [] });
  });

  it('creates and finds the saved views in both spaces (ids per space)', async () => {
    // As the superuser: the host registers no feature for Kibana's own data views and searches.
    for (const space of [SPACE_A, SPACE_B]) {
      const created = await kbn.call<SavedViewsResponse>('/saved_views', {
        method: 'POST',
        space,
        body: { dataViews: [] },
      });
      expect(created.status).toBe(200);
      expect(created.body.views.every((view) => view.exists)).toBe(true);
      expect(created.body.views.map((view) => view.id)).toEqual(
        SAVED_VIEW_DEFINITIONS.map((d) => `${d.id}-${space}`)
      );
      expect(created.body.dataViews.every((dataView) => dataView.exists)).toBe(true);
      const read = await kbn.call<SavedViewsResponse>('/saved_views', { space });
      expect(read.body).toEqual(created.body);
      // Our feature does not grant Kibana's own types (docs/privileges.md): a user with only
      // Audit Sources gets the saved-objects refusal, not a list that says "missing".
      const asUser = await kbn.call<{ message: string }>('/saved_views', {
        as: space === SPACE_A ? userA : userB,
        space,
      });
      expect(asUser).toMatchObject({ status: 403, body: { message: 'Unable to bulk_get search' } });
    }
    // The default space has its own, still missing; creating them there works too.
    const inDefault = await kbn.call<SavedViewsResponse>('/saved_views');
    expect(inDefault.body.views.some((view) => view.exists)).toBe(false);
    const createdInDefault = await kbn.call<SavedViewsResponse>('/saved_views', {
      method: 'POST',
      body: { dataViews: [] },
    });
    expect(createdInDefault.body.views.map((view) => [view.id, view.exists])).toEqual(
      SAVED_VIEW_DEFINITIONS.map((d) => [d.id, true])
    );
  });

  it('removes a connector only from its own space', async () => {
    const response = await kbn.call(`/connectors/${connectorA.id}`, {
      method: 'DELETE',
      as: userA,
      space: SPACE_A,
    });
    expect(response.status).toBe(204);
    expect((await list(userA, SPACE_A)).connectors).toEqual([]);
    expect((await list(userB, SPACE_B)).connectors.map((c) => c.id)).toEqual([connectorB.id]);
    expect(await kbn.taskDocument(connectorA.id)).toBeUndefined();
    expect(await kbn.taskDocument(connectorB.id)).toBeDefined();
  });
});
