import { Client } from '@elastic/elasticsearch';
import { createTestEsClient, testEsConnection, uniqueNamespace } from './test_es';

/*
 * The integ-test distribution cannot create the security index on its own (its email analyzer
 * needs analysis-common); our test-only plugin fills the gap. These are the security features
 * the plugin relies on: roles, native users, API keys, and 403s for the unprivileged.
 */
describe('security on the test Elasticsearch', () => {
  const es = createTestEsClient();
  afterAll(() => es.close());

  it('creates roles, users and API keys that authenticate and are authorized', async () => {
    const suffix = uniqueNamespace('sec');
    await es.security.putRole({
      name: `writer_${suffix}`,
      cluster: ['manage_own_api_key'],
      indices: [
        { names: [`writer-${suffix}-*`], privileges: ['create_doc', 'create_index', 'read'] },
      ],
    });
    await es.security.putUser({
      username: `user_${suffix}`,
      password: 'a-long-password',
      roles: [`writer_${suffix}`],
    });

    const asUser = new Client({
      node: testEsConnection().url,
      auth: { username: `user_${suffix}`, password: 'a-long-password' },
    });
    const key = await asUser.security.createApiKey({ name: `key-${suffix}` });
    const asKey = new Client({ node: testEsConnection().url, auth: { apiKey: key.encoded } });

    const me = await asKey.security.authenticate();
    expect(me.username).toBe(`user_${suffix}`);
    expect(me.authentication_type).toBe('api_key');

    await asKey.index({ index: `writer-${suffix}-1`, document: { a: 1 }, refresh: true });
    await expect(
      asKey.index({ index: `elsewhere-${suffix}`, document: { a: 1 } })
    ).rejects.toMatchObject({
      meta: { statusCode: 403 },
    });

    await es.security.invalidateApiKey({ ids: [key.id] });
    await expect(asKey.security.authenticate()).rejects.toMatchObject({
      meta: { statusCode: 401 },
    });
    await Promise.all([asUser.close(), asKey.close()]);
  });
});
