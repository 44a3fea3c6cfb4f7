import { API_PRIVILEGES, ROUTES } from '../../common/api/routes';
import { SAVED_VIEW_DEFINITIONS, type SavedViewsResponse } from '../../common/api/saved_views';
import { callRoute, createLoggerMock, createRouterMock } from '../__mocks__/kibana_core_mocks';
import { createSavedObjectsStore, servicesInSpace } from './saved_views_routes.mock';
import { registerGetSavedViewsRoute } from './get_saved_views_route';

function setup(spaceId = 'default') {
  const router = createRouterMock();
  registerGetSavedViewsRoute({
    router,
    logger: createLoggerMock(),
    getServices: servicesInSpace(spaceId),
  });
  return { route: router.getRoute('get', ROUTES.savedViews), ...createSavedObjectsStore() };
}

describe('GET saved views', () => {
  it('requires the read privilege', () => {
    const { route } = setup();
    expect(route.config.security.authz).toEqual({ requiredPrivileges: [API_PRIVILEGES.read] });
    expect(route.config.validate).toBe(false);
  });

  it('lists every definition and data view, missing ones with exists: false', async () => {
    const { route, context, store, client } = setup();
    store.set('search/audit-sources-closer-logins', {
      attributes: { title: 'Closer: logins' },
      references: [
        {
          type: 'index-pattern',
          id: 'someone-elses-view',
          name: 'kibanaSavedObjectMeta.searchSourceJSON.index',
        },
      ],
    });
    store.set('index-pattern/audit-sources-lumos', { attributes: {}, references: [] });
    const response = await callRoute(route, {}, context);
    expect(response.status).toBe(200);
    const body = response.payload as SavedViewsResponse;
    expect(body.views.map((v) => v.id)).toEqual(SAVED_VIEW_DEFINITIONS.map((d) => d.id));
    expect(body.views.filter((v) => v.exists).map((v) => [v.id, v.dataViewId])).toEqual([
      ['audit-sources-closer-logins', 'someone-elses-view'],
    ]);
    expect(body.dataViews.map((dv) => [dv.id, dv.exists])).toEqual([
      ['audit-sources-lumos', true],
      ['audit-sources-closer', false],
    ]);
    // One round trip, as the user.
    expect(client.bulkGet).toHaveBeenCalledTimes(1);
  });

  it('reads the ids of the request space', async () => {
    const { route, context, client } = setup('team-b');
    const response = await callRoute(route, {}, context);
    const body = response.payload as SavedViewsResponse;
    expect(body.views.map((v) => [v.id, v.exists])).toEqual(
      SAVED_VIEW_DEFINITIONS.map((d) => [`${d.id}-team-b`, false])
    );
    expect(body.dataViews.map((dv) => dv.id)).toEqual([
      'audit-sources-lumos-team-b',
      'audit-sources-closer-team-b',
    ]);
    expect(client.bulkGet.mock.calls[0][0]).toHaveLength(SAVED_VIEW_DEFINITIONS.length + 2);
  });

  it('fails with the object error when a read is refused (not reported as missing)', async () => {
    const { route, context, client } = setup();
    client.bulkGet.mockResolvedValueOnce({
      saved_objects: SAVED_VIEW_DEFINITIONS.map(({ id }) => ({
        id,
        type: 'search',
        attributes: {},
        references: [],
        error: { statusCode: 403, error: 'Forbidden', message: 'Unable to bulk_get search' },
      })),
    });
    const response = await callRoute(route, {}, context);
    expect(response.status).toBe(403);
    expect(response.payload).toEqual({ message: 'Unable to bulk_get search' });
  });
});
