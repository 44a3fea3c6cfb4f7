import { API_PRIVILEGES, ROUTES } from '../../common/api/routes';
import {
  DATA_VIEW_DEFINITIONS,
  SAVED_VIEW_DEFINITIONS,
  type SavedViewsResponse,
} from '../../common/api/saved_views';
import { callRoute, createLoggerMock, createRouterMock } from '../__mocks__/kibana_core_mocks';
import { registerCreateSavedViewsRoute } from './create_saved_views_route';
import { createSavedObjectsStore, servicesInSpace } from './saved_views_routes.mock';

function setup(spaceId = 'default', takenElsewhere: string[] = []) {
  const router = createRouterMock();
  registerCreateSavedViewsRoute({
    router,
    logger: createLoggerMock(),
    getServices: servicesInSpace(spaceId),
  });
  return {
    route: router.getRoute('post', ROUTES.savedViews),
    ...createSavedObjectsStore({ takenElsewhere }),
  };
}

const fixedDataViews = {
  dataViews: [
    { source: 'lumos', id: DATA_VIEW_DEFINITIONS.lumos.id },
    { source: 'closer', id: DATA_VIEW_DEFINITIONS.closer.id },
  ],
};

describe('POST saved views', () => {
  it('requires the write privilege and validates the body with the io-ts codec', async () => {
    const { route, context } = setup();
    expect(route.config.security.authz).toEqual({ requiredPrivileges: [API_PRIVILEGES.write] });
    expect(route.config.options?.access).toBe('internal');
    const bad = await callRoute(
      route,
      { body: { dataViews: [{ source: 'slack', id: 'x' }] } },
      context
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.payload)).toContain('dataViews');
    const empty = await callRoute(
      route,
      { body: { dataViews: [{ source: 'lumos', id: ' ' }] } },
      context
    );
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.payload)).toContain('Data view id must not be empty');
  });

  it('creates the data views and saved searches with fixed ids, overwrite false, once', async () => {
    const { route, context, client, store } = setup();
    const first = await callRoute(route, { body: fixedDataViews }, context);
    expect(first.status).toBe(200);
    const body = first.payload as SavedViewsResponse;
    expect(body.views.map((v) => [v.id, v.exists, v.dataViewId])).toEqual(
      SAVED_VIEW_DEFINITIONS.map((d) => [d.id, true, DATA_VIEW_DEFINITIONS[d.source].id])
    );
    expect(body.dataViews.every((dv) => dv.exists)).toBe(true);
    expect(client.create).toHaveBeenCalledTimes(6);
    for (const call of client.create.mock.calls) {
      expect(call[2]).toMatchObject({ overwrite: false });
    }

    const search = store.get('search/audit-sources-lumos-failed-actions')!;
    expect(Object.keys(search.attributes).sort()).toEqual(['description', 'tabs', 'title']);
    const tab = (search.attributes.tabs as Array<{ attributes: Record<string, unknown> }>)[0];
    const meta = tab.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string };
    expect(JSON.parse(meta.searchSourceJSON)).toEqual({
      query: { language: 'kuery', query: 'event.outcome:"failure"' },
      filter: [],
      indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.index',
    });
    expect(tab.attributes.sort).toEqual([['@timestamp', 'desc']]);
    expect(search.references).toEqual([
      {
        type: 'index-pattern',
        id: 'audit-sources-lumos',
        name: 'kibanaSavedObjectMeta.searchSourceJSON.index',
      },
    ]);
    expect(store.get('index-pattern/audit-sources-closer')!.attributes).toMatchObject({
      title: 'logs-closer.security-*',
      timeFieldName: '@timestamp',
      allowNoIndex: true,
    });

    // Twice: every create answers 409, nothing changes, same answer.
    const snapshot = JSON.stringify([...store.entries()]);
    const second = await callRoute(route, { body: fixedDataViews }, context);
    expect(second.status).toBe(200);
    expect(second.payload).toEqual(first.payload);
    expect(JSON.stringify([...store.entries()])).toBe(snapshot);
  });

  it('names the objects of another space <id>-<space>, data view references included', async () => {
    const { route, context, store } = setup('team-b');
    const response = await callRoute(route, { body: { dataViews: [] } }, context);
    expect(response.status).toBe(200);
    const body = response.payload as SavedViewsResponse;
    expect(body.views.map((v) => [v.id, v.exists, v.dataViewId])).toEqual(
      SAVED_VIEW_DEFINITIONS.map((d) => [
        `${d.id}-team-b`,
        true,
        `${DATA_VIEW_DEFINITIONS[d.source].id}-team-b`,
      ])
    );
    expect([...store.keys()].sort()).toEqual(
      [
        'index-pattern/audit-sources-lumos-team-b',
        'index-pattern/audit-sources-closer-team-b',
        ...SAVED_VIEW_DEFINITIONS.map((d) => `search/${d.id}-team-b`),
      ].sort()
    );
  });

  it('confirms a 409 with a read: an id taken in another space is a 409 saying so', async () => {
    const { route, context, client } = setup('default', ['search/audit-sources-closer-logins']);
    const response = await callRoute(route, { body: fixedDataViews }, context);
    expect(response.status).toBe(409);
    expect((response.payload as { message: string }).message).toContain(
      'exists, but not in this space'
    );
    expect(client.get).toHaveBeenCalledWith('search', 'audit-sources-closer-logins');
  });

  it('never lets a definition id be a prefix of another of its type (per-space ids stay apart)', () => {
    for (const ids of [
      Object.values(DATA_VIEW_DEFINITIONS).map((d) => d.id),
      SAVED_VIEW_DEFINITIONS.map((d) => d.id),
    ]) {
      for (const a of ids) {
        for (const b of ids) if (a !== b) expect(b.startsWith(`${a}-`)).toBe(false);
      }
    }
  });

  it('references the data view the browser names, creating it when missing', async () => {
    const { route, context, store } = setup();
    const response = await callRoute(
      route,
      { body: { dataViews: [{ source: 'closer', id: 'my-closer-view' }] } },
      context
    );
    expect(response.status).toBe(200);
    const body = response.payload as SavedViewsResponse;
    expect(body.views.find((v) => v.source === 'closer')?.dataViewId).toBe('my-closer-view');
    expect(body.views.find((v) => v.source === 'lumos')?.dataViewId).toBe('audit-sources-lumos');
    expect(store.has('index-pattern/my-closer-view')).toBe(true);
  });

  it('answers 403 with the saved-objects message when the user may not create searches', async () => {
    const { route, context, client } = setup();
    // What the security extension throws (a Boom 403) when the user lacks saved_object:index-pattern/create.
    client.create.mockRejectedValueOnce(
      Object.assign(new Error('Unable to create index-pattern'), { output: { statusCode: 403 } })
    );
    const response = await callRoute(route, { body: fixedDataViews }, context);
    expect(response.status).toBe(403);
    expect(response.payload).toEqual({ message: 'Unable to create index-pattern' });
  });
});
