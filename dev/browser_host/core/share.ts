import type { ApplicationStart } from '@kbn/core/public';
import type { DiscoverAppLocatorParams } from '@kbn/discover-plugin/public';
import type {
  KibanaLocation,
  LocatorPublic,
  SerializableRecord,
  SharePluginStart,
} from '@kbn/share-plugin/public';

export const DISCOVER_APP_LOCATOR = 'DISCOVER_APP_LOCATOR';

/** The locator params travel in the stand-in Discover's query string as JSON. */
export const DISCOVER_PARAMS_KEY = 'params';

/**
 * share's start contract with one locator: DISCOVER_APP_LOCATOR, pointing at the host's Discover
 * stand-in (`/app/discover?params=<json>`), not at real Discover's `#/view/<id>?_a=...` URLs.
 */
export function createShare(application: ApplicationStart): SharePluginStart {
  const discover: LocatorPublic<DiscoverAppLocatorParams> = {
    id: DISCOVER_APP_LOCATOR,
    getLocation: async (params): Promise<KibanaLocation> => ({
      app: 'discover',
      path: `?${DISCOVER_PARAMS_KEY}=${encodeURIComponent(JSON.stringify(params))}`,
      state: {},
    }),
    getUrl: async (params, options) => {
      const location = await discover.getLocation(params);
      return application.getUrlForApp('discover', {
        path: location.path,
        absolute: options?.absolute,
      });
    },
    navigate: async (params) => {
      const location = await discover.getLocation(params);
      await application.navigateToApp('discover', { path: location.path });
    },
    navigateSync: (params) => {
      void discover.navigate(params);
    },
  };
  return {
    url: {
      locators: {
        get: <P extends SerializableRecord>(id: string) =>
          id === DISCOVER_APP_LOCATOR ? (discover as unknown as LocatorPublic<P>) : undefined,
      },
    },
  };
}
