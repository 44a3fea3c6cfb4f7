/*
 * Closer security logs as they come out of Closer's Elasticsearch: a search hit whose `_source`
 * holds `@timestamp` and a `message` object with *dotted* ECS-like keys ("event.action",
 * "http.request.body.content", ...). Documented at
 * https://support.closer.app/guide/getting-deeper/elasticsearch-security-logs; the example event
 * there is the reference for these codecs. Every field is checked here, not in the mapper, so a
 * hit that does not fit becomes a pipeline_error document naming the failing field.
 */
import * as t from 'io-ts';

/** A search hit as returned by ES 6.x (with `_type`) through 9.x. */
export const CloserHit = t.intersection([
  t.type({ _index: t.string, _id: t.string, _source: t.unknown }),
  t.partial({ _type: t.string, sort: t.array(t.unknown) }),
]);
export type CloserHit = t.TypeOf<typeof CloserHit>;

/** One value or an array of them: Closer sends `event.kind` as `["event"]`, ECS wants one value. */
const stringOrStrings = t.union([t.string, t.array(t.string)]);

/** `204` or `"204"`: a string holding an integer is what a dynamic mapping accepts too. */
export const StatusCode = new t.Type<number, number, unknown>(
  'StatusCode',
  (u): u is number => typeof u === 'number' && Number.isInteger(u),
  (u, c) => {
    if (typeof u === 'number' && Number.isInteger(u) && u >= 0) return t.success(u);
    if (typeof u === 'string' && /^\d{1,4}$/.test(u)) return t.success(Number(u));
    return t.failure(u, c, 'expected an HTTP status code');
  },
  (n) => n
);

/** A body is text (usually JSON text) in the documented example; accept an object too. */
const body = t.union([t.string, t.UnknownRecord, t.null]);

/**
 * The keys of `message` we read, all optional: Closer omits `user.*` for anonymous requests.
 * Both spellings of the bodies exist: the prose says `http.request.body`, the example event
 * `http.request.body.content`.
 */
export const CloserMessage = t.partial({
  'event.kind': stringOrStrings,
  'event.category': stringOrStrings,
  'event.type': stringOrStrings,
  'event.action': t.string,
  'event.outcome': t.string,
  'http.request.body': body,
  'http.request.body.content': body,
  'http.request.method': t.string,
  'http.response.body': body,
  'http.response.body.content': body,
  'http.response.status_code': StatusCode,
  'user.id': t.string,
  'user.roles': stringOrStrings,
  'source.ip': t.string,
  'url.full': t.string,
  'ecs.version': t.string,
});
export type CloserMessage = t.TypeOf<typeof CloserMessage>;

/** `_source` of a hit. `@timestamp` is text like `2021-05-05T09:27:12.529+0000` (or epoch ms). */
export const CloserSource = t.type({
  '@timestamp': t.union([t.string, t.number]),
  message: t.UnknownRecord,
});
export type CloserSource = t.TypeOf<typeof CloserSource>;
