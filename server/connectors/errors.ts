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
