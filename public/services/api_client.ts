import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { HttpFetchQuery, HttpStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import { ROUTES, connectorPath, EventsResponse, type EventsQuery } from '../../common/api/routes';
import { SavedViewsResponse, type EnsureSavedViewsRequest } from '../../common/api/saved_views';
import type {
  CreateConnectorRequest,
  DraftConnectorRequest,
  UpdateConnectorRequest,
} from '../../common/connectors/connector';
import {
  ConnectorView,
  ListConnectorsResponse,
  PreviewResponse,
  TestConnectionResponse,
} from '../../common/connectors/view';
import { formatDecodeErrors } from '../../common/decode';

/** A response that does not match the API contract (common/connectors/view.ts). */
export class UnexpectedResponseError extends Error {
  constructor(what: string, details: string) {
    super(
      i18n.translate('auditSources.api.unexpectedResponse', {
        defaultMessage: 'Unexpected response from {what}: {details}',
        values: { what, details },
      })
    );
    this.name = 'UnexpectedResponseError';
  }
}

/** What each call is, as the unexpected-response message names it. */
const WHAT = {
  connectorsList: () =>
    i18n.translate('auditSources.api.what.connectorsList', {
      defaultMessage: 'the connectors list',
    }),
  connector: () =>
    i18n.translate('auditSources.api.what.connector', { defaultMessage: 'the connector' }),
  createConnector: () =>
    i18n.translate('auditSources.api.what.createConnector', {
      defaultMessage: 'creating the connector',
    }),
  updateConnector: () =>
    i18n.translate('auditSources.api.what.updateConnector', {
      defaultMessage: 'updating the connector',
    }),
  testConnection: () =>
    i18n.translate('auditSources.api.what.testConnection', {
      defaultMessage: 'the connection test',
    }),
  preview: () => i18n.translate('auditSources.api.what.preview', { defaultMessage: 'the preview' }),
  events: () =>
    i18n.translate('auditSources.api.what.events', { defaultMessage: 'the events search' }),
  savedViews: () =>
    i18n.translate('auditSources.api.what.savedViews', { defaultMessage: 'the saved views' }),
  ensureSavedViews: () =>
    i18n.translate('auditSources.api.what.ensureSavedViews', {
      defaultMessage: 'creating the saved views',
    }),
};

function decodeResponse<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
  const result = codec.decode(value);
  if (isLeft(result)) throw new UnexpectedResponseError(what, formatDecodeErrors(result.left));
  return result.right;
}

/**
 * Every call the app makes, through core.http (which adds the base path, kbn-xsrf and
 * x-elastic-internal-origin). The routes are plain internal routes: no `version`.
 */
export class AuditSourcesApi {
  constructor(private readonly http: HttpStart) {}

  /** The connectors of the current space, and which space that is. */
  public async listConnectors(signal?: AbortSignal): Promise<ListConnectorsResponse> {
    const body = await this.http.get<unknown>(ROUTES.connectors, { signal });
    return decodeResponse(ListConnectorsResponse, body, WHAT.connectorsList());
  }

  public async getConnector(id: string, signal?: AbortSignal): Promise<ConnectorView> {
    const body = await this.http.get<unknown>(connectorPath(ROUTES.connector, id), { signal });
    return decodeResponse(ConnectorView, body, WHAT.connector());
  }

  public async createConnector(request: CreateConnectorRequest): Promise<ConnectorView> {
    const body = await this.http.post<unknown>(ROUTES.connectors, {
      body: JSON.stringify(request),
    });
    return decodeResponse(ConnectorView, body, WHAT.createConnector());
  }

  public async updateConnector(
    id: string,
    request: UpdateConnectorRequest
  ): Promise<ConnectorView> {
    const body = await this.http.put<unknown>(connectorPath(ROUTES.connector, id), {
      body: JSON.stringify(request),
    });
    return decodeResponse(ConnectorView, body, WHAT.updateConnector());
  }

  public async setEnabled(connector: ConnectorView, enabled: boolean): Promise<ConnectorView> {
    return this.updateConnector(connector.id, { kind: connector.kind, enabled });
  }

  public async deleteConnector(id: string): Promise<void> {
    await this.http.delete(connectorPath(ROUTES.connector, id));
  }

  public async runNow(id: string): Promise<void> {
    await this.http.post(connectorPath(ROUTES.runNow, id));
  }

  public async testConnection(draft: DraftConnectorRequest): Promise<TestConnectionResponse> {
    const body = await this.http.post<unknown>(ROUTES.testConnection, {
      body: JSON.stringify(draft),
    });
    return decodeResponse(TestConnectionResponse, body, WHAT.testConnection());
  }

  public async preview(draft: DraftConnectorRequest): Promise<PreviewResponse> {
    const body = await this.http.post<unknown>(ROUTES.preview, { body: JSON.stringify(draft) });
    return decodeResponse(PreviewResponse, body, WHAT.preview());
  }

  public async events(query: EventsQuery, signal?: AbortSignal): Promise<EventsResponse> {
    const httpQuery: HttpFetchQuery = {};
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') httpQuery[key] = value;
    }
    const body = await this.http.get<unknown>(ROUTES.events, { query: httpQuery, signal });
    return decodeResponse(EventsResponse, body, WHAT.events());
  }

  public async savedViews(signal?: AbortSignal): Promise<SavedViewsResponse> {
    const body = await this.http.get<unknown>(ROUTES.savedViews, { signal });
    return decodeResponse(SavedViewsResponse, body, WHAT.savedViews());
  }

  public async ensureSavedViews(request: EnsureSavedViewsRequest): Promise<SavedViewsResponse> {
    const body = await this.http.post<unknown>(ROUTES.savedViews, {
      body: JSON.stringify(request),
    });
    return decodeResponse(SavedViewsResponse, body, WHAT.ensureSavedViews());
  }
}
