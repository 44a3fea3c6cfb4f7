import { BulkWriteError } from '../ingest/bulk_writer';
import { destinationUnauthenticated, unauthenticatedMessage } from './writer_auth';

/** What @elastic/elasticsearch throws for a 401 (its ResponseError: name and meta.statusCode). */
function responseError(statusCode: number) {
  return Object.assign(new Error('security_exception'), {
    name: 'ResponseError',
    meta: { statusCode },
  });
}

const KEY = {
  apiKey: 'ZW5jb2RlZA==',
  apiKeyId: 'key-7',
  apiKeyOwner: 'alice',
  apiKeyCreatedByUser: false,
};
const SAID = 'missing authentication credentials for REST request [/_bulk]';

describe('destinationUnauthenticated', () => {
  it("is the Elasticsearch client's 401 or bulk items refused 401, nothing else", () => {
    expect(destinationUnauthenticated(responseError(401))).toBe(true);
    expect(destinationUnauthenticated(new BulkWriteError('bulk', [{ id: 'a', status: 401 }]))).toBe(
      true
    );
    expect(destinationUnauthenticated(responseError(403))).toBe(false);
    expect(destinationUnauthenticated(new BulkWriteError('bulk', [{ id: 'a', status: 403 }]))).toBe(
      false
    );
    // A source's own 401 (its client throws another type) is the source's business.
    expect(destinationUnauthenticated(Object.assign(new Error('x'), { statusCode: 401 }))).toBe(
      false
    );
    expect(destinationUnauthenticated(undefined)).toBe(false);
    expect(destinationUnauthenticated('401')).toBe(false);
  });
});

describe('unauthenticatedMessage', () => {
  it('names the disabled setting and says the stored key works again once keys are enabled', () => {
    const message = unauthenticatedMessage(KEY, false, SAID);
    expect(message).toContain('(401)');
    expect(message).toContain('xpack.security.authc.api_key.enabled: false');
    expect(message).toContain('restart Elasticsearch');
    expect(message).toContain('user "alice" (id key-7)');
    expect(message).toContain(`Elasticsearch said: ${SAID}`);
    expect(message).not.toContain(KEY.apiKey);
  });

  it('asks for a save when keys are disabled and the connector never had a key', () => {
    expect(unauthenticatedMessage({}, false, SAID)).toMatch(
      /api_key\.enabled: false.*then save the connector again so that a writer API key is granted/
    );
  });

  it('says a connector saved with security off has no key and needs saving again', () => {
    const message = unauthenticatedMessage({}, true, SAID);
    expect(message).toContain('has no writer API key');
    expect(message).toContain('Save the connector again');
  });

  it('names the revoked or expired key, its owner and the fix', () => {
    const message = unauthenticatedMessage(KEY, true, SAID);
    expect(message).toMatch(
      /the writer API key granted for user "alice" \(id key-7\) was not accepted: it has probably been invalidated or has expired\. Save the connector again/
    );
    expect(message).not.toContain('disabled');
  });

  it("says so when the key was the saver's own API key", () => {
    expect(unauthenticatedMessage({ ...KEY, apiKeyCreatedByUser: true }, true, SAID)).toContain(
      'the API key user "alice" was signed in with when saving (id key-7)'
    );
  });

  it('covers both causes when Kibana could not tell whether API keys are enabled', () => {
    expect(unauthenticatedMessage(KEY, undefined, SAID)).toContain(
      'or API keys have been disabled on the cluster'
    );
  });
});
