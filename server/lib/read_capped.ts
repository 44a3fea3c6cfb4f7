/*
 * Reading a response body from a source with a byte cap. `response.text()` buffers whatever
 * the other side sends, so an endpoint that streams forever (or a Lumos/Closer URL pointed at
 * something that is not Lumos or Closer) would grow Kibana's heap until the process dies. Here
 * the body is read chunk by chunk and the stream is cancelled, which makes undici drop the
 * connection, as soon as the cap is passed.
 */
import type * as t from 'io-ts';
import { decodeErrorsByField } from '../../common/decode';
import { ellipsize } from './bounded_json';

/**
 * The part of a web ReadableStream used here, structurally: undici's and Node's global
 * `ReadableStream` types differ, and both must be accepted.
 */
export interface ByteStream {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
  };
  cancel(reason?: unknown): Promise<void>;
}

/** What a response must offer: a web stream (undici, Node's fetch) or, for test fakes, text(). */
export interface CappedReadable {
  body?: ByteStream | null;
  headers?: { get(name: string): string | null };
  text?(): Promise<string>;
}

export interface ReadCappedOptions {
  /** Most bytes accepted. */
  maxBytes: number;
  /**
   * `throw` (default): a longer body is an error. `truncate`: return the first maxBytes and
   * say so (for error bodies, whose gist is at the start and whose size is not a failure).
   */
  overflow?: 'throw' | 'truncate';
}

export interface CappedText {
  text: string;
  /** Bytes received (at most maxBytes + one chunk). */
  bytes: number;
  truncated: boolean;
}

/** The body was longer than the cap; names the limit so whoever reads health knows why. */
export class BodyTooLargeError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`the response body is larger than the ${formatBytes(maxBytes)} limit`);
    this.name = 'BodyTooLargeError';
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function declaredLength(response: CappedReadable): number | undefined {
  const value = response.headers?.get('content-length');
  if (value == null || !/^\d{1,20}$/.test(value)) return undefined;
  return Number(value);
}

async function cancelQuietly(stream: { cancel(reason?: unknown): Promise<void> }): Promise<void> {
  try {
    await stream.cancel();
  } catch {
    // Already errored or closed: the connection is gone either way.
  }
}

async function readStream(body: ByteStream, options: ReadCappedOptions): Promise<CappedText> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    const room = options.maxBytes - bytes;
    bytes += value.byteLength;
    if (value.byteLength > room) {
      // Cancelling the reader cancels the stream: undici aborts the request and closes the socket.
      await cancelQuietly(reader);
      if (options.overflow !== 'truncate') throw new BodyTooLargeError(options.maxBytes);
      if (room > 0) chunks.push(value.subarray(0, room));
      return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated: false };
}

/**
 * The body as UTF-8 text, at most `maxBytes` of it. Throws BodyTooLargeError (after closing the
 * stream) when the body is longer and overflow is `throw`; a stream error (abort, timeout,
 * reset) propagates as it is.
 */
export async function readCapped(
  response: CappedReadable,
  options: ReadCappedOptions
): Promise<CappedText> {
  const declared = declaredLength(response);
  const { body } = response;
  if (
    declared !== undefined &&
    declared > options.maxBytes &&
    options.overflow !== 'truncate' &&
    body
  ) {
    await cancelQuietly(body);
    throw new BodyTooLargeError(options.maxBytes);
  }
  if (body && typeof body.getReader === 'function') return readStream(body, options);
  if (body === null) return { text: '', bytes: 0, truncated: false };
  // Injected fakes in unit tests have only text(); real fetch responses always have a stream.
  const text = (await response.text?.()) ?? '';
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.byteLength <= options.maxBytes) {
    return { text, bytes: buffer.byteLength, truncated: false };
  }
  if (options.overflow !== 'truncate') throw new BodyTooLargeError(options.maxBytes);
  return {
    text: buffer.subarray(0, options.maxBytes).toString('utf8'),
    bytes: buffer.byteLength,
    truncated: true,
  };
}

const MAX_SHAPE_FIELDS = 5;

/**
 * Which fields of a remote answer did not decode, by path only. formatDecodeErrors shows the
 * values too, which for a URL pointed at some internal JSON service would read its data back
 * to whoever configured the URL.
 */
export function shapeProblems(errors: t.Errors): string {
  const fields = Object.keys(decodeErrorsByField(errors));
  const shown = fields.slice(0, MAX_SHAPE_FIELDS).map((field) => ellipsize(field, 80));
  const more =
    fields.length > MAX_SHAPE_FIELDS ? ` and ${fields.length - MAX_SHAPE_FIELDS} more` : '';
  return `unexpected or missing ${shown.join(', ')}${more}`;
}
