import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { fetch as undiciFetch } from 'undici';
import { serveEndless, serveLoopback } from '../__mocks__/loopback_server';
import { ellipsize } from './bounded_json';
import { BodyTooLargeError, readCapped, shapeProblems } from './read_capped';

/** A loopback server whose body never ends: 64 KiB chunks for as long as the socket takes them. */
function endlessServer(headers: Record<string, string> = {}) {
  return serveEndless({ headers, fill: 'a' });
}

const MiB = 1024 * 1024;

describe('readCapped', () => {
  it.each([
    ['undici fetch (Closer)', (url: string) => undiciFetch(url)],
    ['Node fetch (Lumos)', (url: string) => fetch(url)],
  ])(
    'stops reading an endless body at the cap and drops the connection (%s)',
    async (_name, get) => {
      const endless = await endlessServer();
      try {
        const response = await get(`${endless.url}/`);
        await expect(readCapped(response, { maxBytes: MiB })).rejects.toThrow(
          new BodyTooLargeError(MiB)
        );
        // The server sees the connection closed: nothing keeps streaming into Kibana.
        await endless.closed;
        // Only the cap plus what sat in socket buffers was ever sent, not an unbounded amount
        // (the loop above would otherwise run until the test times out).
        expect(endless.sent()).toBeLessThan(32 * MiB);
      } finally {
        await endless.stop();
      }
    }
  );

  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const endless = await endlessServer({ 'content-length': String(10 * 1024 * MiB) });
    try {
      const response = await undiciFetch(`${endless.url}/`);
      await expect(readCapped(response, { maxBytes: MiB })).rejects.toThrow(/1 MiB limit/);
      await endless.closed;
    } finally {
      await endless.stop();
    }
  });

  it('truncates instead of failing when asked (error bodies)', async () => {
    const endless = await endlessServer();
    try {
      const response = await undiciFetch(`${endless.url}/`);
      const read = await readCapped(response, { maxBytes: 1000, overflow: 'truncate' });
      expect(read.truncated).toBe(true);
      expect(read.text).toBe('a'.repeat(1000));
      await endless.closed;
    } finally {
      await endless.stop();
    }
  });

  it('reads a body under the cap whole, multi-byte characters split across chunks included', async () => {
    const text = `${'é'.repeat(100_000)}✓`;
    const encoded = Buffer.from(text);
    const server = await serveLoopback((_req, res) => {
      res.writeHead(200);
      // Odd-sized writes split the two-byte characters between chunks.
      for (let i = 0; i < encoded.length; i += 4097) res.write(encoded.subarray(i, i + 4097));
      res.end();
    });
    try {
      const response = await undiciFetch(`${server.url}/`);
      const read = await readCapped(response, { maxBytes: encoded.length });
      expect(read).toEqual({ text, bytes: encoded.length, truncated: false });
    } finally {
      await server.stop();
    }
  });

  it('applies the cap to test fakes that only have text()', async () => {
    const fake = { text: async () => 'x'.repeat(11) };
    await expect(readCapped(fake, { maxBytes: 10 })).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(readCapped(fake, { maxBytes: 11 })).resolves.toMatchObject({ bytes: 11 });
    await expect(readCapped(fake, { maxBytes: 4, overflow: 'truncate' })).resolves.toEqual({
      text: 'xxxx',
      bytes: 11,
      truncated: true,
    });
  });
});

describe('shapeProblems', () => {
  it('names the failing fields but never their values', () => {
    const decoded = t.type({ ok: t.boolean, id: t.string }).decode({
      ok: 'internal-secret-value',
      id: 42,
    });
    if (!isLeft(decoded)) throw new Error('expected a failure');
    const text = shapeProblems(decoded.left);
    expect(text).toBe('unexpected or missing ok, id');
    expect(text).not.toMatch(/internal-secret-value|42/);
  });

  it('caps the list', () => {
    const codec = t.type(
      Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, t.string]))
    );
    const decoded = codec.decode({});
    if (!isLeft(decoded)) throw new Error('expected a failure');
    expect(shapeProblems(decoded.left)).toBe('unexpected or missing f0, f1, f2, f3, f4 and 4 more');
  });
});

describe('ellipsize', () => {
  it('keeps short text and cuts long text to the limit', () => {
    expect(ellipsize('abc', 3)).toBe('abc');
    expect(ellipsize('abcdef', 5)).toBe('ab...');
  });
});
