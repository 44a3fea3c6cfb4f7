import { Client } from '@elastic/elasticsearch';
import { startEs, type RunningEs } from './es_server';

/* restart(): same port, password and data before and after; a new process. */
describe('startEs().restart()', () => {
  let node: RunningEs;
  beforeAll(async () => {
    node = await startEs({ heap: '512m' });
  }, 180_000);
  afterAll(() => node?.stop());

  it('stops the node and starts it again with its data, keystore and port', async () => {
    const es = new Client({
      node: node.url,
      auth: { username: node.username, password: node.password },
    });
    try {
      await es.index({ index: 'kept', id: '1', document: { n: 1 }, refresh: true });
      const firstPid = node.pid;
      const url = node.url;
      await node.restart();
      expect(node.pid).not.toBe(firstPid);
      expect(node.url).toBe(url);
      const doc = await es.get<{ n: number }>({ index: 'kept', id: '1' });
      expect(doc._source).toEqual({ n: 1 });
    } finally {
      await es.close();
    }
  }, 240_000);
});
