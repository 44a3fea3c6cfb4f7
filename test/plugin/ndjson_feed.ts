import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The test-only NDJSON source's feed (test/fixtures/ndjson_source/README.md), on loopback. */
export interface Feed {
  url: string;
  close(): Promise<void>;
}

/** Every line stamped at or after `since`, for the right bearer token only. */
export function startFeed(token: string, lines: () => string[]): Promise<Feed> {
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401).end();
      return;
    }
    const since = new URL(req.url ?? '/', 'http://feed').searchParams.get('since') ?? '';
    const body = lines().filter((line) => {
      const stamp = (JSON.parse(line) as { '@timestamp'?: string })['@timestamp'];
      return typeof stamp !== 'string' || stamp >= since;
    });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(body.join('\n'));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`,
        close: () => new Promise((done) => server.close(() => done())),
      })
    )
  );
}
