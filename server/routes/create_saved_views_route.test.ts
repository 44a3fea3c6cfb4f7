import { API_PRIVILEGES, ROUTES } from '../../common/api/routes';
import {
  DATA_VIEW_DEFINITIONS,
  SAVED_VIEW_DEFINITIONS,
  type SavedViewsResponse,
} from '../../common/api/saved_views';
import { callRoute, createLoggerMock, createRouterMock } from '../__mocks__/kibana_core_mocks';
import { registerCreateSavedViewsRoute } from './create_saved_views_route';
import { createSavedObjectsStore } from './saved_views_routes.mock';

function setup() {
  const router = createRouterMock();
  registerCreateSavedViewsRoute({
    router,
    logger: createLoggerMock(),
    getServices: async () => {
      throw new Error('not used');
    },
  });
  return { route: router.getRoute('post', ROUTES.savedViews), ...createSavedObjectsStore() };
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
