/*
 * Local declarations for `@kbn/share-plugin/public` (Kibana 9.4.3).
 * Mirrors src/platform/plugins/shared/share/common/url_service/locators/types.ts and the share
 * plugin's public start contract. Subset only.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

// src/platform/packages/shared/kbn-utility-types/src/serializable (Serializable, SerializableRecord)
export type Serializable =
  string | number | boolean | null | undefined | SerializableArray | SerializableRecord;
export interface SerializableArray extends Array<Serializable> {}
export interface SerializableRecord extends Record<string, Serializable> {}

// src/platform/plugins/shared/share/common/url_service/locators/types.ts
export interface KibanaLocation<S = object> {
  app: string;
  path: string;
  state: S;
}
export interface LocatorNavigationParams {
  replace?: boolean;
}
export interface LocatorGetUrlParams {
  absolute?: boolean;
}

// src/platform/plugins/shared/share/common/url_service/locators/types.ts (LocatorPublic; subset —
// the LocatorDefinition/PersistableState members, getRedirectUrl and the useUrl React hook are omitted)
export interface LocatorPublic<P extends SerializableRecord> {
  readonly id: string;
  getLocation(params: P): Promise<KibanaLocation>;
  getUrl(params: P, getUrlParams?: LocatorGetUrlParams): Promise<string>;
  navigate(params: P, navigationParams?: LocatorNavigationParams): Promise<void>;
  navigateSync(params: P, navigationParams?: LocatorNavigationParams): void;
}

// src/platform/plugins/shared/share/common/url_service/locators/types.ts (ILocatorClient; subset)
export interface ILocatorClient {
  get<P extends SerializableRecord>(id: string): undefined | LocatorPublic<P>;
}

// src/platform/plugins/shared/share/public/plugin.ts (SharePublicStart: `url: BrowserUrlService`,
// whose `locators` is the ILocatorClient above). plugin.ts was not re-read this session; shape per
// the reference note §5.5 and the locator types. Only `url.locators` is declared.
export interface SharePluginStart {
  url: {
    locators: ILocatorClient;
  };
}
export interface SharePluginSetup {}
