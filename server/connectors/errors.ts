/*
 * Errors the connectors layer raises on purpose; routes turn them into HTTP answers
 * (server/routes/error_response.ts). Messages are written for the user and never hold secrets.
 */

export class ConnectorNotFoundError extends Error {
  constructor(id: string) {
    super(`Connector ${id} not found`);
    this.name = 'ConnectorNotFoundError';
  }
}

/** Request problems tied to fields (cross-field rules io-ts cannot express): a 400. */
export class ConnectorValidationError extends Error {
  constructor(public readonly fields: Record<string, string>) {
    super(
      Object.entries(fields)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ')
    );
    this.name = 'ConnectorValidationError';
  }
}

/** The request conflicts with the connector's current state: a 409. */
export class ConnectorConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorConflictError';
  }
}

/** The connector's state document changed under a running task (another run took over). */
export class StateConflictError extends Error {
  constructor(connectorId: string) {
    super(`The state of connector ${connectorId} was changed by another writer`);
    this.name = 'StateConflictError';
  }
}

/**
 * Security is on but Elasticsearch has API keys disabled, so no writer key can be granted: a 400
 * (`statusCode`, read by errorResponse), as alerting answers a rule save whose key cannot be
 * created. Never a 401: Kibana's browser would log the user out.
 */
export class ApiKeysDisabledError extends Error {
  readonly statusCode = 400;
  constructor() {
    super(
      'Elasticsearch has API keys disabled (xpack.security.authc.api_key.enabled: false), so ' +
        'Audit Sources cannot create the API key the connector writes its events with. Ask an ' +
        'administrator to enable API keys in elasticsearch.yml and restart Elasticsearch, then ' +
        'save the connector again.'
    );
    this.name = 'ApiKeysDisabledError';
  }
}
