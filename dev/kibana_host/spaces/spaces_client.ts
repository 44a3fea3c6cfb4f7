/*
 * For tests and `npm start`: manage spaces through the host's spaces API (spaces_service.ts), the
 * way an administrator would with Kibana's `POST /api/spaces/space` (Basic auth, `kbn-xsrf`).
 */
export interface SpaceCredentials {
  username: string;
  password: string;
}

export interface SpaceInput {
  id: string;
  name: string;
  description?: string;
  disabledFeatures?: string[];
}

export interface SpaceResponse extends SpaceInput {
  disabledFeatures: string[];
  [key: string]: unknown;
}

async function call(
  hostUrl: string,
  credentials: SpaceCredentials,
  path: string,
  init: { method: string; body?: unknown }
): Promise<Response> {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  return fetch(new URL(path, hostUrl), {
    method: init.method,
    headers: {
      authorization,
      'kbn-xsrf': 'kibana-host',
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
}

/** Creates a space; throws with the status and body unless the host answers 200. */
export async function createSpace(
  hostUrl: string,
  adminCredentials: SpaceCredentials,
  space: SpaceInput
): Promise<SpaceResponse> {
  const response = await call(hostUrl, adminCredentials, '/api/spaces/space', {
    method: 'POST',
    body: space,
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`Creating space "${space.id}" failed: ${response.status} ${text}`);
  }
  return JSON.parse(text) as SpaceResponse;
}

/** Deletes a space and its objects; throws unless the host answers 204. */
export async function deleteSpace(
  hostUrl: string,
  adminCredentials: SpaceCredentials,
  spaceId: string
): Promise<void> {
  const response = await call(
    hostUrl,
    adminCredentials,
    `/api/spaces/space/${encodeURIComponent(spaceId)}`,
    { method: 'DELETE' }
  );
  if (response.status !== 204) {
    throw new Error(
      `Deleting space "${spaceId}" failed: ${response.status} ${await response.text()}`
    );
  }
}
